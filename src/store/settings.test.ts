import { describe, expect, test } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import type { UserTool } from '../tools/user/types';
import { createSettingsStore, DEFAULT_SETTINGS, sanitizeSettings, SETTINGS_KEY } from './settings';

const TOOL: UserTool = {
  id: 't1',
  name: 'lookup_word',
  description: 'Looks up a word.',
  parameters: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
  implementation: { kind: 'code', code: 'return args.word;' },
  approval: 'ask',
  timeoutMs: 2000,
  enabled: true,
};

function memoryStorage(initial: Record<string, string> = {}): StateStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] };
}

describe('settings store', () => {
  test('defaults: medium effort, auto backend, analysis panel closed, the demo model', () => {
    const s = createSettingsStore(memoryStorage()).getState();
    expect({ effort: s.effort, backend: s.backend, analysisOpen: s.analysisOpen, modelId: s.modelId }).toEqual({ effort: 'medium', backend: 'auto', analysisOpen: false, modelId: 'overtone-tiny-demo' });
  });

  test('choices are remembered and come back in a new store', () => {
    const storage = memoryStorage();
    const a = createSettingsStore(storage);
    a.getState().setEffort('high');
    a.getState().setBackend('cpu');
    a.getState().setAnalysisOpen(true);
    a.getState().setModelId('gpt-oss-20b');
    a.getState().setToolEnabled('calculator', false);
    expect(JSON.parse(storage.data[SETTINGS_KEY]!).state).toMatchObject({ effort: 'high', backend: 'cpu', analysisOpen: true, disabledTools: ['calculator'] });
    const b = createSettingsStore(storage).getState();
    expect([b.effort, b.backend, b.analysisOpen, b.modelId, b.disabledTools]).toEqual(['high', 'cpu', true, 'gpt-oss-20b', ['calculator']]);
    b.setToolEnabled('calculator', true);
    expect(createSettingsStore(storage).getState().disabledTools).toEqual([]);
  });

  test('invalid stored or given values are ignored', () => {
    const storage = memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ state: { effort: 'extreme', backend: 'gpu', analysisOpen: 'yes', modelId: 'gone-model', disabledTools: [3] }, version: 1 }) });
    const s = createSettingsStore(storage);
    expect(s.getState()).toMatchObject(DEFAULT_SETTINGS);
    s.getState().setEffort('extreme' as never);
    s.getState().setModelId('nope');
    expect(s.getState()).toMatchObject({ effort: 'medium', modelId: 'overtone-tiny-demo' });
    expect(sanitizeSettings(null)).toEqual({});
    expect(createSettingsStore(memoryStorage({ [SETTINGS_KEY]: '{not json' })).getState().effort).toBe('medium');
  });

  test('no localStorage (Node), a throwing one (private mode, full quota) or a blocked one: works, remembers nothing', () => {
    expect(globalThis.localStorage).toBeUndefined();
    const s = createSettingsStore();
    s.getState().setEffort('low');
    expect(s.getState().effort).toBe('low');
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); }, removeItem: () => { throw new Error('denied'); } };
    for (const descriptor of [{ value: throwing }, { get: () => { throw new Error('SecurityError'); } }]) {
      Object.defineProperty(globalThis, 'localStorage', { ...descriptor, configurable: true });
      try {
        const t = createSettingsStore();
        expect(() => t.getState().setEffort('high')).not.toThrow();
        expect(t.getState().effort).toBe('high');
      } finally {
        delete (globalThis as { localStorage?: unknown }).localStorage;
      }
    }
  });

  test('sampling overrides, the context cap and user tools are remembered; reset returns to the model defaults', () => {
    const storage = memoryStorage();
    const a = createSettingsStore(storage).getState();
    a.setSampling({ temperature: 0.4, topP: 0.9, maxTokens: 300, seed: 42 });
    a.setSampling({ temperature: 9, seed: 1.5 }); // out of range / not whole: ignored
    a.setContextCap(2048);
    a.saveUserTool(TOOL);
    a.saveUserTool({ ...TOOL, description: 'Changed.' });
    a.setUserToolApproval('t1', 'auto');
    const b = createSettingsStore(storage).getState();
    expect(b.sampling).toEqual({ temperature: 0.4, topP: 0.9, maxTokens: 300, seed: 42 });
    expect(b.contextCap).toBe(2048);
    expect(b.userTools).toEqual([{ ...TOOL, description: 'Changed.', approval: 'auto' }]);
    b.setSampling({ seed: undefined });
    expect(createSettingsStore(storage).getState().sampling).toEqual({ temperature: 0.4, topP: 0.9, maxTokens: 300 });
    b.resetSampling();
    b.removeUserTool('t1');
    const c = createSettingsStore(storage).getState();
    expect([c.sampling, c.contextCap, c.userTools]).toEqual([{}, null, []]);
  });

  test('stored sampling, cap and tools are checked field by field', () => {
    const stored = { sampling: { temperature: -1, topP: 0.5, maxTokens: 'many', seed: 3 }, contextCap: 12, userTools: [TOOL, { ...TOOL }, { id: 'x', name: 1 }, { ...TOOL, id: 't2', approval: 'sometimes', enabled: 'yes' }] };
    expect(sanitizeSettings(stored)).toEqual({ sampling: { topP: 0.5, seed: 3 }, userTools: [TOOL, { ...TOOL, id: 't2', approval: 'ask', enabled: true }] });
  });
});
