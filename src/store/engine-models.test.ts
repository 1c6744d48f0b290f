// The engine store's issue-10 half against fakes (engine, Web Locks, persist()): hub loads with their
// source and files, the preflight before any download, the download view's data and controls, folder
// loads checked before anything is sent, and one engine per browser ("Use here" stops the other tab).
import { describe, expect, test, vi } from 'vitest';
import { createEngineLock } from '../engine/engine-lock';
import { fakeLocks } from '../engine/testing/fake-locks';
import { storedModelKey, type DownloadProgress, type PickedFile, type ProbeResult, type StoredModelInfo } from '../engine/protocol';
import { findModel, HUGGING_FACE } from '../models/manifest';
import { createEngineStore, type EngineStoreDeps } from './engine';
import { FakeEngineApi } from './testing/fake-engine';

const PATHS = { localModelPath: '/models/' };
const BIG = findModel('gpt-oss-20b')!;
const DEMO = findModel('overtone-tiny-demo')!;
const HUB = BIG.source.kind === 'hub' ? BIG.source : null!;
const KEY = storedModelKey(HUB.repo, HUB.revision);
const GB = 1e9;
const gpu = (over: Partial<ProbeResult> = {}): ProbeResult => ({
  webgpu: true,
  gpuApi: true,
  features: ['shader-f16'],
  limits: { maxBufferSize: 4 * GB, maxStorageBufferBindingSize: 2 * GB },
  jspi: true,
  storage: { usage: 1 * GB, quota: 100 * GB, persisted: false },
  ...over,
});
const SWIFTSHADER = gpu({ features: [] });

function setup(probe: ProbeResult, over: Partial<EngineStoreDeps> = {}) {
  const engine = new FakeEngineApi();
  engine.probeResult = probe;
  const persist = vi.fn(async () => true as boolean | undefined);
  const store = createEngineStore({ engine, paths: PATHS, requestPersistence: persist, appVersion: '9.9.9', storageEstimate: async () => probe.storage, ...over });
  return { engine, store, persist };
}

function stored(storedBytes: number, complete: boolean): StoredModelInfo {
  const files = BIG.files.q4f16!.map((f) => ({ path: f.path, bytes: f.bytes, verified: complete }));
  return { key: KEY, modelId: BIG.id, dtype: 'q4f16', repo: HUB.repo, revision: HUB.revision, appVersion: '0.0.1', formatVersion: 1, complete, storedBytes, totalBytes: BIG.bytes.q4f16!, updatedAt: 1, files };
}

function progress(over: Partial<DownloadProgress> = {}): DownloadProgress {
  return { key: KEY, modelId: BIG.id, state: 'downloading', totalBytes: 100, storedBytes: 40, percent: 40, bytesPerSecond: 10, etaSeconds: 6, file: 'onnx/model_q4f16.onnx_data', files: [], resumed: 0, rangeIgnored: 0, corruptRefetched: 0, ...over };
}

const picked = (files: { path: string; bytes: number }[], root = 'demo'): PickedFile[] =>
  files.map((f) => ({ path: `${root}/${f.path}`, file: new File([new Uint8Array(f.bytes)], f.path.split('/').pop()!) }));

describe('preflight before any byte', () => {
  test('gpt-oss-20b without shader-f16: the checklist and the typed error; Load downloads nothing and asks nothing', async () => {
    const { engine, store, persist } = setup(SWIFTSHADER);
    await store.getState().checkModel(BIG.id);
    const p = store.getState().preflight!;
    expect(p.modelId).toBe(BIG.id);
    expect(p.errors.map((e) => e.code)).toEqual(['no-shader-f16']);
    expect(p.errors[0]!.fix).toMatch(/shader-f16/);
    expect(p.checks.find((c) => c.id === 'shader-f16')).toMatchObject({ ok: false });
    await expect(store.getState().load(BIG.id)).rejects.toMatchObject({ code: 'no-shader-f16' });
    expect(engine.loads).toEqual([]);
    expect(persist).not.toHaveBeenCalled();
  });

  test('what is stored counts: a partial download needs only the rest; a disk filled since the probe blocks before the download', async () => {
    // The probe at start saw 99 GB free; the estimate asked at check time sees 5 GB.
    const { engine, store } = setup(gpu(), { storageEstimate: async () => ({ usage: 95 * GB, quota: 100 * GB }) });
    engine.stored = [stored(10 * GB, false)];
    await store.getState().checkModel(BIG.id);
    const p = store.getState().preflight!;
    expect(p.stored).toBe('partial');
    expect(p.download).toEqual({ totalBytes: BIG.bytes.q4f16, storedBytes: 10 * GB, neededBytes: BIG.bytes.q4f16! - 10 * GB });
    expect(p.errors).toEqual([]); // 2.6 GB to go, 5 GB free
    engine.stored = [];
    await store.getState().checkModel(BIG.id);
    expect(store.getState().preflight!.errors.map((e) => e.code)).toEqual(['quota']);
    await expect(store.getState().load(BIG.id)).rejects.toMatchObject({ code: 'quota' });
    expect(engine.loads).toEqual([]);
  });

  test('the backend preference blocks too: CPU forced shows its own reason first', async () => {
    const { store } = setup(gpu(), { backend: 'cpu' });
    await store.getState().checkModel(BIG.id);
    expect(store.getState().preflight!.errors[0]).toMatchObject({ code: 'no-webgpu', fix: 'Set the backend to Auto or WebGPU.' });
  });

  test('a later check wins over an earlier one still running', async () => {
    const { store } = setup(gpu());
    const first = store.getState().checkModel(BIG.id);
    const second = store.getState().checkModel(DEMO.id);
    await Promise.all([first, second]);
    expect(store.getState().preflight!.modelId).toBe(DEMO.id);
  });
});

describe('hub loads', () => {
  test('Load model: persistence asked first, then the hub source with the manifest files and the app version', async () => {
    const { engine, store, persist } = setup(gpu());
    await store.getState().load(BIG.id);
    expect(persist).toHaveBeenCalledTimes(1);
    expect(store.getState().persistence).toBe('granted');
    expect(store.getState().preflight!.checks.find((c) => c.id === 'persisted')).toMatchObject({ ok: true });
    expect(engine.loads).toEqual([
      { modelId: BIG.id, device: 'webgpu', dtype: 'q4f16', appVersion: '9.9.9', source: { kind: 'hub', host: HUGGING_FACE, repo: HUB.repo, revision: HUB.revision }, files: BIG.files.q4f16 },
    ]);
    expect(store.getState()).toMatchObject({ status: 'ready', source: 'hub' });
  });

  test('persistence refused is shown, and does not block', async () => {
    const { store } = setup(gpu(), { requestPersistence: async () => false });
    await store.getState().load(BIG.id);
    expect(store.getState().persistence).toBe('denied');
    expect(store.getState().preflight!.warnings.map((w) => w.code)).toEqual(['not-persisted']);
  });

  test('a hub model is not downloaded by sending a message: only "Load model" starts it; one stored complete loads', async () => {
    const { engine, store } = setup(gpu());
    await expect(store.getState().ensureLoaded(BIG.id)).rejects.toMatchObject({ code: 'not-loaded', fix: expect.stringMatching(/Load model/) });
    expect(engine.loads).toEqual([]);
    engine.stored = [stored(BIG.bytes.q4f16!, true)];
    await store.getState().ensureLoaded(BIG.id);
    expect(engine.loads).toHaveLength(1);
  });

  test('the download view follows the running load; pause, resume and cancel reach the engine', async () => {
    const { engine, store } = setup(gpu());
    let open = (): void => {};
    engine.loadGate = new Promise<void>((r) => (open = r));
    const done = store.getState().load(BIG.id);
    await vi.waitFor(() => expect(engine.loads).toHaveLength(1));
    engine.emit({ type: 'download.progress', ...progress() });
    engine.emit({ type: 'download.progress', ...progress({ modelId: 'another-model', storedBytes: 1 }) });
    expect(store.getState().download).toMatchObject({ state: 'downloading', storedBytes: 40, etaSeconds: 6 });
    store.getState().pauseDownload();
    engine.emit({ type: 'download.progress', ...progress({ state: 'paused', bytesPerSecond: 0, etaSeconds: null }) });
    expect(store.getState().download?.state).toBe('paused');
    store.getState().resumeDownload();
    store.getState().cancelDownload();
    expect(engine.controls).toEqual(['pause', 'resume', 'cancel']);
    open();
    await done;
    expect(store.getState().download).toBeNull();
    engine.emit({ type: 'download.progress', ...progress() }); // late event: nothing is loading
    expect(store.getState().download).toBeNull();
  });
});

describe('folder loads', () => {
  const fp32 = DEMO.files.fp32!;

  test('an incomplete folder names what is missing and sends nothing', async () => {
    const { engine, store } = setup(gpu({ webgpu: false }));
    const files = picked(fp32.filter((f) => f.path !== 'onnx/model.onnx_data'));
    await expect(store.getState().loadFolder(DEMO.id, files)).rejects.toMatchObject({ code: 'incomplete-folder', message: expect.stringContaining('missing onnx/model.onnx_data') });
    expect(store.getState().error?.code).toBe('incomplete-folder');
    expect(engine.loads).toEqual([]);
  });

  test('a whole folder loads from its files; a restarted engine loads it from them again', async () => {
    const { engine, store } = setup(gpu({ webgpu: false }));
    const files = picked(fp32);
    await store.getState().loadFolder(DEMO.id, files);
    expect(engine.loads[0]).toMatchObject({ modelId: DEMO.id, device: 'wasm', dtype: 'fp32', source: { kind: 'folder', files }, files: fp32 });
    expect(engine.loads[0]).not.toHaveProperty('localModelPath');
    expect(store.getState().source).toBe('folder');
    engine.respawns++;
    await store.getState().ensureLoaded(DEMO.id);
    expect(engine.loads[1]).toMatchObject({ source: { kind: 'folder', files } });
    await store.getState().load(DEMO.id); // "Load model": from the app again
    expect(engine.loads[2]).toMatchObject({ localModelPath: '/models/' });
  });
});

describe('one engine per browser', () => {
  const twoTabs = () => {
    const locks = fakeLocks();
    return [setup(gpu({ webgpu: false }), { lock: createEngineLock(locks) }), setup(gpu({ webgpu: false }), { lock: createEngineLock(locks) })] as const;
  };

  test('the second tab loads nothing and says the engine runs elsewhere; "Use here" moves it and the first tab stops', async () => {
    const [a, b] = twoTabs();
    await a.store.getState().load(DEMO.id);
    expect(a.store.getState()).toMatchObject({ status: 'ready', lock: 'owner' });

    await expect(b.store.getState().load(DEMO.id)).rejects.toMatchObject({ code: 'engine-elsewhere' });
    expect(b.store.getState()).toMatchObject({ status: 'idle', lock: 'elsewhere', error: null });
    expect(b.engine.loads).toEqual([]);

    await b.store.getState().takeOver();
    await vi.waitFor(() => expect(a.store.getState().lock).toBe('elsewhere'));
    expect(a.engine.stops.map((r) => r.code)).toEqual(['engine-elsewhere']);
    expect(a.store.getState()).toMatchObject({ status: 'idle', modelId: null });
    await b.store.getState().load(DEMO.id);
    expect(b.store.getState()).toMatchObject({ status: 'ready', lock: 'owner' });
  });

  test('a load in flight when another tab takes over ends at once, as not loaded', async () => {
    const [a, b] = twoTabs();
    a.engine.loadGate = new Promise<void>(() => {}); // never finishes on its own
    const loading = a.store.getState().load(DEMO.id);
    await vi.waitFor(() => expect(a.engine.loads).toHaveLength(1));
    await b.store.getState().takeOver();
    await expect(loading).rejects.toMatchObject({ code: 'engine-elsewhere' });
    expect(a.store.getState()).toMatchObject({ status: 'idle', lock: 'elsewhere', error: null });
  });
});
