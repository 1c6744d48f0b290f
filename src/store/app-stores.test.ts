// The stores wired together: picking a model runs its preflight; losing the engine to another tab stops the
// reply being written; "Use here" takes the engine back and loads the chosen built-in model.
import { describe, expect, test, vi } from 'vitest';
import { createEngineLock } from '../engine/engine-lock';
import { fakeLocks } from '../engine/testing/fake-locks';
import { MemoryRepository } from '../storage/memory-repository';
import { createAppStores, startApp, useHere } from './app-stores';
import { createSettingsStore } from './settings';
import { memoryStorage } from './testing/chat-setup';
import { FakeEngineApi } from './testing/fake-engine';

function tab(locks: LockManager) {
  const engine = new FakeEngineApi();
  const stores = createAppStores(engine, { localModelPath: '/models/' }, {
    settings: createSettingsStore(memoryStorage()),
    storage: Promise.resolve(new MemoryRepository()),
    lock: createEngineLock(locks),
    requestPersistence: async () => undefined,
  });
  return { engine, stores };
}

describe('app stores', () => {
  test('start: probe, the chosen model’s preflight, its load; picking another model checks that one', async () => {
    const { engine, stores } = tab(fakeLocks());
    startApp(stores);
    await vi.waitFor(() => expect(stores.engine.getState().status).toBe('ready'));
    expect(stores.engine.getState().preflight?.modelId).toBe('overtone-tiny-demo');
    stores.settings.getState().setModelId('gpt-oss-20b');
    await vi.waitFor(() => expect(stores.engine.getState().preflight?.modelId).toBe('gpt-oss-20b'));
    expect(stores.engine.getState().preflight?.errors[0]?.code).toBe('no-webgpu');
    expect(engine.loads).toHaveLength(1);
  });

  test('another tab pressing "Use here" stops the reply here; "Use here" here takes it back and loads', async () => {
    const locks = fakeLocks();
    const a = tab(locks);
    const b = tab(locks);
    startApp(a.stores);
    await vi.waitFor(() => expect(a.stores.engine.getState().status).toBe('ready'));
    startApp(b.stores);
    await vi.waitFor(() => expect(b.stores.engine.getState().lock).toBe('elsewhere'));
    expect(b.engine.loads).toEqual([]);

    const stop = vi.spyOn(a.stores.chat.getState(), 'stop');
    await useHere(b.stores);
    await vi.waitFor(() => expect(b.stores.engine.getState().status).toBe('ready'));
    expect(a.stores.engine.getState().lock).toBe('elsewhere');
    expect(stop).toHaveBeenCalled();
    expect(a.engine.stops).toHaveLength(1);
  });
});
