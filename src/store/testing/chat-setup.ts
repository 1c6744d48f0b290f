// The chat store for tests: the real agent runtime, a fake engine replaying Harmony id streams, in-memory
// settings, fixed ids, date and seed, and any repository (default: memory).
import type { StateStorage } from 'zustand/middleware';
import { message } from '../../harmony/builders';
import type { Message } from '../../harmony/types';
import { completionIds, type Completion } from '../../chat/testing/scripted-engine';
import { activePath } from '../../chat/tree';
import type { AssistantNode } from '../../chat/types';
import { createChatStore, type ChatState, type Runtime } from '../chat';
import type { StorageRepo } from '../chat-library';
import { createEngineStore } from '../engine';
import { createSettingsStore } from '../settings';
import { FakeEngineApi } from './fake-engine';

export const TODAY = new Date(2027, 2, 9);
export const analysis = (t: string): Message => message('assistant', t, { channel: 'analysis' });
export const final = (t: string): Message => message('assistant', t, { channel: 'final' });
export const callTool = (name: string, args: unknown): Message =>
  message('assistant', JSON.stringify(args), { channel: 'commentary', recipient: `functions.${name}`, contentType: '<|constrain|>json' });
export const reply = (...m: Message[]): Completion => ({ ids: completionIds(m) });

export const memoryStorage = (): StateStorage => {
  const data: Record<string, string> = {};
  return { getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] };
};

export interface SetupOptions {
  loadRuntime?: () => Promise<Runtime>;
  storage?: Promise<StorageRepo>;
  clock?: () => number;
  rescue?: StateStorage;
  /** Prefix for the store's ids (two stores over one repository must not reuse ids). */
  idPrefix?: string;
}

export function setupChat(script: Completion[], opts: SetupOptions = {}) {
  const engine = new FakeEngineApi(script);
  const settings = createSettingsStore(memoryStorage());
  const engineStore = createEngineStore({ engine, paths: { localModelPath: '/models/' } });
  let n = 0;
  const { idPrefix = 'n', ...rest } = opts;
  const chat = createChatStore({ engine, engineStore, settings, today: () => TODAY, newId: () => `${idPrefix}${++n}`, seed: () => 7, ...rest });
  return { engine, settings, engineStore, chat, get: () => chat.getState() };
}

export const path = (s: ChatState) => activePath(s.conversation);
export const turnOf = (s: ChatState, i = -1) => (path(s).at(i) as AssistantNode).turn;
export const finalText = (s: ChatState, i = -1) => {
  const m = turnOf(s, i).messages.at(-1);
  return m?.content[0]?.type === 'text' ? m.content[0].text : '';
};
