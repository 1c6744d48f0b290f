import { describe, expect, test } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { createSettingsStore, DEFAULT_SETTINGS, sanitizeSettings, SETTINGS_KEY } from './settings';

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
});
