import { describe, expect, test, vi } from 'vitest';
import type { EngineApi } from '../engine/api';
import type { EngineClient } from '../engine/client';
import { EngineError, FIXES, type ProbeResult } from '../engine/protocol';
import { availabilityFor, createEngineStore } from './engine';
import { FakeEngineApi, NO_WEBGPU } from './testing/fake-engine';
import { MODELS } from '../models/manifest';
import pkg from '../../package.json';

// EngineClient is what the app passes; this line fails to compile if it stops satisfying the store's API.
const asApi = (c: EngineClient): EngineApi => c;
void asApi;

const PATHS = { localModelPath: '/models/' };
const BIG_GPU: ProbeResult = { webgpu: true, features: ['shader-f16'], limits: { maxBufferSize: 4e9, maxStorageBufferBindingSize: 2e9 } };
const GPU_NO_F16: ProbeResult = { webgpu: true, features: [], limits: { maxBufferSize: 4e9, maxStorageBufferBindingSize: 2e9 } };

describe('engine store: can each model run here', () => {
  test('per model and backend preference, with the typed reason when not', () => {
    const cpuOnly = availabilityFor(MODELS, NO_WEBGPU, 'auto');
    expect(cpuOnly['overtone-tiny-demo']).toEqual({ ok: true, runtime: { device: 'wasm', dtype: 'fp32' } });
    expect(cpuOnly['gpt-oss-20b']).toMatchObject({ ok: false, reason: { code: 'no-webgpu' } });
    const big = availabilityFor(MODELS, BIG_GPU, 'auto');
    expect(big['gpt-oss-20b']).toEqual({ ok: true, runtime: { device: 'webgpu', dtype: 'q4f16' } });
    expect(big['overtone-tiny-demo']).toEqual({ ok: true, runtime: { device: 'webgpu', dtype: 'q4f16' } });
    const noF16 = availabilityFor(MODELS, GPU_NO_F16, 'auto');
    expect(noF16['overtone-tiny-demo']).toEqual({ ok: true, runtime: { device: 'webgpu', dtype: 'fp32' } });
    expect(noF16['gpt-oss-20b']).toMatchObject({ ok: false, reason: { code: 'no-shader-f16' } });
    // CPU forced: the demo runs on wasm even with a GPU; gpt-oss-20b cannot.
    const cpu = availabilityFor(MODELS, BIG_GPU, 'cpu');
    expect(cpu['overtone-tiny-demo']).toEqual({ ok: true, runtime: { device: 'wasm', dtype: 'fp32' } });
    expect(cpu['gpt-oss-20b']).toMatchObject({ ok: false, reason: { code: 'no-webgpu', fix: 'Set the backend to Auto or WebGPU.' } });
    // WebGPU forced where there is none: a reason, not a silent CPU fallback.
    expect(availabilityFor(MODELS, NO_WEBGPU, 'webgpu')['overtone-tiny-demo']).toMatchObject({ ok: false, reason: { code: 'no-webgpu' } });
  });

  test('init probes once; the backend preference recomputes availability', async () => {
    const engine = new FakeEngineApi();
    engine.probeResult = BIG_GPU;
    const store = createEngineStore({ engine, paths: PATHS });
    expect(store.getState().availability).toEqual({});
    await Promise.all([store.getState().init(), store.getState().init()]);
    expect(engine.probes).toBe(1);
    expect(store.getState().availability['gpt-oss-20b']?.ok).toBe(true);
    store.getState().setBackend('cpu');
    expect(store.getState().availability['gpt-oss-20b']?.ok).toBe(false);
  });
});

describe('engine store: loading', () => {
  test('switching the backend makes a model loaded on the old one load again on the new one', async () => {
    const engine = new FakeEngineApi();
    engine.probeResult = GPU_NO_F16;
    const store = createEngineStore({ engine, paths: PATHS });
    await store.getState().ensureLoaded('overtone-tiny-demo');
    expect(store.getState().runtime).toEqual({ device: 'webgpu', dtype: 'fp32' });
    store.getState().setBackend('auto'); // same runtime: stays loaded
    await store.getState().ensureLoaded('overtone-tiny-demo');
    expect(engine.loads).toHaveLength(1);
    store.getState().setBackend('cpu');
    expect(store.getState().status).toBe('idle');
    await store.getState().ensureLoaded('overtone-tiny-demo');
    expect(engine.loads.map((l) => l.device)).toEqual(['webgpu', 'wasm']);
    // Switched while a load is in flight: the in-flight one finishes, then the model loads on the new choice.
    let open = (): void => {};
    engine.loadGate = new Promise<void>((r) => (open = r));
    store.getState().setBackend('auto');
    const first = store.getState().ensureLoaded('overtone-tiny-demo');
    await vi.waitFor(() => expect(engine.loads).toHaveLength(3)); // the load is in flight on WebGPU
    store.getState().setBackend('cpu');
    open();
    await Promise.all([first, store.getState().ensureLoaded('overtone-tiny-demo')]);
    expect(engine.loads.map((l) => l.device)).toEqual(['webgpu', 'wasm', 'webgpu', 'wasm']);
    expect(store.getState().runtime).toEqual({ device: 'wasm', dtype: 'fp32' });
  });

  test('load: status and aggregate progress, then ready with the chosen runtime', async () => {
    const engine = new FakeEngineApi();
    const store = createEngineStore({ engine, paths: PATHS });
    const seen: { status: string; percent?: number }[] = [];
    store.subscribe((s) => seen.push({ status: s.status, ...(s.progress ? { percent: s.progress.percent } : {}) }));
    await store.getState().load('overtone-tiny-demo');
    // A built-in model comes from the app's /models/, with the manifest's files (sizes and SHA-256 checked).
    expect(engine.loads).toEqual([{ modelId: 'overtone-tiny-demo', localModelPath: '/models/', device: 'wasm', dtype: 'fp32', files: MODELS[0]!.files.fp32, appVersion: pkg.version }]);
    expect(store.getState()).toMatchObject({ status: 'ready', modelId: 'overtone-tiny-demo', runtime: { device: 'wasm', dtype: 'fp32' }, progress: null, error: null });
    const percents = seen.filter((s) => s.status === 'loading' && s.percent !== undefined).map((s) => s.percent!);
    // The manifest's size is the denominator while the files announce less.
    const expected = MODELS[0]!.bytes.fp32!;
    expect(percents).toEqual([0, Math.floor((1_000 / expected) * 100), Math.floor((10_000 / expected) * 100)]);
  });

  test('a model that cannot run here fails with its reason and loads nothing', async () => {
    const engine = new FakeEngineApi();
    const store = createEngineStore({ engine, paths: PATHS });
    await expect(store.getState().load('gpt-oss-20b')).rejects.toMatchObject({ code: 'no-webgpu' });
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'no-webgpu' } });
    expect(engine.loads).toHaveLength(0);
    await expect(store.getState().load('no-such-model')).rejects.toMatchObject({ code: 'bad-request' });
  });

  test('a failed download: typed error kept; the next load works', async () => {
    const engine = new FakeEngineApi();
    engine.failNextLoad = new EngineError('download', 'model.onnx: HTTP 503', FIXES.download);
    const store = createEngineStore({ engine, paths: PATHS });
    await expect(store.getState().load('overtone-tiny-demo')).rejects.toMatchObject({ code: 'download' });
    expect(store.getState().error).toEqual({ code: 'download', message: 'model.onnx: HTTP 503', fix: FIXES.download });
    await store.getState().load('overtone-tiny-demo');
    expect(store.getState().status).toBe('ready');
  });

  test('ensureLoaded: no second load while ready, one load for concurrent callers, a reload after the engine restarted', async () => {
    const engine = new FakeEngineApi();
    const store = createEngineStore({ engine, paths: PATHS });
    await Promise.all([store.getState().ensureLoaded('overtone-tiny-demo'), store.getState().ensureLoaded('overtone-tiny-demo')]);
    await store.getState().ensureLoaded('overtone-tiny-demo');
    expect(engine.loads).toHaveLength(1);
    engine.respawns++; // a worker crash
    store.getState().checkEngine();
    expect(store.getState().status).toBe('idle');
    await store.getState().ensureLoaded('overtone-tiny-demo');
    expect(engine.loads).toHaveLength(2);
    await store.getState().ensureLoaded('overtone-tiny-random');
    expect(engine.loads.map((l) => l.modelId)).toEqual(['overtone-tiny-demo', 'overtone-tiny-demo', 'overtone-tiny-random']);
  });

  test('loads run one after another', async () => {
    const engine = new FakeEngineApi();
    let release!: () => void;
    engine.loadGate = new Promise((r) => (release = r));
    const store = createEngineStore({ engine, paths: PATHS });
    const first = store.getState().load('overtone-tiny-demo');
    const second = store.getState().load('overtone-tiny-random');
    await new Promise((r) => setTimeout(r, 20));
    expect(engine.loads).toHaveLength(1);
    release();
    await Promise.all([first, second]);
    expect(store.getState()).toMatchObject({ status: 'ready', modelId: 'overtone-tiny-random' });
  });
});
