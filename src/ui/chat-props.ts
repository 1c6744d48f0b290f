// Pure mappings from the stores' state to the chat components' props: the conversation's active path as
// chat items (with ‹ 2/3 › positions where a node has siblings), the model picker's entries and the
// load state of the chosen model.
import { activePath, branchInfo } from '../chat/tree';
import type { Conversation } from '../chat/types';
import type { EngineState } from '../store/engine';
import type { ModelLoadState } from './LoadStatus';
import type { ChatItem } from './MessageList';
import type { ModelEntry } from './ModelPicker';

export function chatItems(c: Conversation): ChatItem[] {
  return activePath(c).map((n) => {
    const info = branchInfo(c, n.id);
    const branch = info.count > 1 ? { branch: info } : {};
    return n.role === 'user' ? { kind: 'user', id: n.id, text: n.text, ...branch } : { kind: 'assistant', id: n.id, turn: n.turn, ...branch };
  });
}

export function modelEntries(s: Pick<EngineState, 'models' | 'availability'>): ModelEntry[] {
  return s.models.map((m) => {
    const a = s.availability[m.id];
    return {
      manifest: m,
      ...(a?.ok ? { runtime: a.runtime } : a ? { reason: a.reason } : {}),
      ...(m.examplePrompts ? { examples: m.examplePrompts } : {}),
    };
  });
}

/** Where the chosen model stands; the engine may hold (or be loading) another one. */
export function loadState(s: Pick<EngineState, 'status' | 'modelId' | 'progress' | 'runtime' | 'error'>, selectedId: string): ModelLoadState {
  if (s.modelId !== selectedId) return { status: 'idle' };
  const runtime = s.runtime ? { backend: s.runtime.device, dtype: s.runtime.dtype } : {};
  switch (s.status) {
    case 'loading':
      return { status: 'loading', loadedBytes: s.progress?.loaded ?? 0, totalBytes: s.progress?.total ?? 0, ...runtime };
    case 'ready':
      return { status: 'ready', ...runtime };
    case 'error':
      return s.error ? { status: 'error', error: s.error } : { status: 'error' };
    default:
      return { status: 'idle' };
  }
}
