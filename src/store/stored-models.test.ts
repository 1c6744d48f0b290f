// The Models screen's store against a fake engine: the stored list with storage figures, delete then refresh.
import { describe, expect, test } from 'vitest';
import { EngineError, FIXES, type StoredModelInfo } from '../engine/protocol';
import { createStoredModelsStore } from './stored-models';
import { FakeEngineApi } from './testing/fake-engine';

const record = (key: string, complete: boolean): StoredModelInfo => ({
  key, modelId: 'gpt-oss-20b', dtype: 'q4f16', repo: key.split('@')[0]!, revision: key.split('@')[1]!, appVersion: '0.1.0', formatVersion: 1,
  complete, storedBytes: complete ? 100 : 40, totalBytes: 100, updatedAt: 1, files: [],
});

describe('stored models', () => {
  test('refresh: the list, where it is kept, and used / available / persisted', async () => {
    const engine = new FakeEngineApi();
    engine.stored = [record('org/a@r1', true), record('org/b@r2', false)];
    const store = createStoredModelsStore(engine, async () => ({ usage: 140, quota: 10_000, persisted: true }));
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'ready', backend: 'opfs', storage: { usage: 140, quota: 10_000, persisted: true } });
    expect(store.getState().models.map((m) => [m.key, m.complete])).toEqual([['org/a@r1', true], ['org/b@r2', false]]);
  });

  test('remove deletes through the engine and lists again; the browser not saying whether storage persists is null', async () => {
    const engine = new FakeEngineApi();
    engine.stored = [record('org/a@r1', true), record('org/b@r2', false)];
    const store = createStoredModelsStore(engine, async () => ({ usage: 140, quota: 10_000 }));
    await store.getState().remove('org/b@r2');
    expect(engine.controls).toEqual(['delete org/b@r2']);
    expect(store.getState().models.map((m) => m.key)).toEqual(['org/a@r1']);
    expect(store.getState().storage?.persisted).toBeNull();
    expect(store.getState().deleting).toBeNull();
  });

  test('a failing engine gives a typed error', async () => {
    const engine = new FakeEngineApi();
    engine.listModels = () => Promise.reject(new EngineError('worker-crashed', 'gone', FIXES['worker-crashed']));
    const store = createStoredModelsStore(engine);
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'worker-crashed' } });
  });
});
