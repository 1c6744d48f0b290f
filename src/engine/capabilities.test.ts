import { describe, expect, test } from 'vitest';
import { findModel } from '../models/manifest';
import { checkQuota, chooseRuntime, preflight, probeStorage, requestPersistentStorage } from './capabilities';
import { EngineError, type ProbeResult } from './protocol';

const tiny = findModel('overtone-tiny-random')!;
const big = findModel('gpt-oss-20b')!;
const gpu = (features: string[], maxBufferSize = 4 * 2 ** 30): ProbeResult => ({
  webgpu: true, features, limits: { maxBufferSize, maxStorageBufferBindingSize: maxBufferSize }, storage: { usage: 0, quota: 100e9 },
});
const none: ProbeResult = { webgpu: false, features: [], limits: { maxBufferSize: 0, maxStorageBufferBindingSize: 0 } };
const code = (r: unknown) => (r instanceof EngineError ? r.code : r);

describe('chooseRuntime', () => {
  test('q4f16 on WebGPU with shader-f16; fp32 twin without it (SwiftShader); wasm without WebGPU', () => {
    expect(chooseRuntime(tiny, gpu(['shader-f16']))).toEqual({ device: 'webgpu', dtype: 'q4f16' });
    expect(chooseRuntime(tiny, gpu([]))).toEqual({ device: 'webgpu', dtype: 'fp32' });
    expect(chooseRuntime(tiny, none)).toEqual({ device: 'wasm', dtype: 'fp32' });
  });
  test('gpt-oss-20b: typed errors for no shader-f16, no WebGPU, a 1 GiB buffer cap', () => {
    expect(code(chooseRuntime(big, gpu([])))).toBe('no-shader-f16');
    expect(code(chooseRuntime(big, none))).toBe('no-webgpu');
    expect(code(chooseRuntime(big, gpu(['shader-f16'], 2 ** 30)))).toBe('buffer-limit');
    expect(chooseRuntime(big, gpu(['shader-f16']))).toEqual({ device: 'webgpu', dtype: 'q4f16' });
  });
  test('quota is checked for downloads, not for built-in models', () => {
    const small = { ...gpu(['shader-f16']), storage: { usage: 0, quota: 5e9 } };
    expect(checkQuota(big, 'q4f16', small)?.code).toBe('quota');
    expect(checkQuota(tiny, 'q4f16', small)).toBeNull();
  });
});

describe('preflight', () => {
  const swiftshader: ProbeResult = { webgpu: true, gpuApi: true, jspi: true, features: [], limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30 }, storage: { usage: 0, quota: 50e9 } };
  const desktop: ProbeResult = { ...swiftshader, features: ['shader-f16'], limits: { maxBufferSize: 4 * 2 ** 30, maxStorageBufferBindingSize: 2 * 2 ** 30 } };
  const codes = (r: { errors: { code: string }[] }) => r.errors.map((e) => e.code);

  test('gpt-oss-20b on SwiftShader: shader-f16 is the blocking error, with a fix sentence', () => {
    const r = preflight(big, swiftshader);
    expect(codes(r)).toEqual(['no-shader-f16']);
    expect(r.errors[0]!.fix).toMatch(/shader-f16/);
    expect(r.choice).toBeNull();
    expect(r.checks.find((c) => c.id === 'shader-f16')!.ok).toBe(false);
  });

  test('each requirement fails on its own with its own code', () => {
    expect(codes(preflight(big, { ...desktop, webgpu: false, adapter: undefined }))).toEqual(['no-gpu-adapter']);
    expect(codes(preflight(big, { ...desktop, webgpu: false, gpuApi: false }))).toEqual(['no-webgpu']);
    expect(codes(preflight(big, { ...desktop, jspi: false }))).toEqual(['no-jspi']);
    const binding = preflight(big, { ...desktop, limits: { maxBufferSize: 4 * 2 ** 30, maxStorageBufferBindingSize: 2 ** 30 } });
    expect(codes(binding)).toEqual(['buffer-limit']);
    expect(binding.errors[0]!.message).toMatch(/maxStorageBufferBindingSize/);
    expect(preflight(big, { ...desktop, limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30 } }).errors[0]!.message).toMatch(/maxBufferSize/);
    expect(codes(preflight(big, { ...desktop, storage: { usage: 0, quota: 10e9 } }))).toEqual(['quota']);
  });

  test('a capable desktop passes; storage counts what is already downloaded; persistence is reported', () => {
    const ok = preflight(big, desktop, { persisted: true });
    expect(ok.errors).toEqual([]);
    expect(ok.choice).toEqual({ device: 'webgpu', dtype: 'q4f16' });
    expect(ok.warnings).toEqual([]);
    expect(ok.download).toEqual({ totalBytes: big.bytes.q4f16, storedBytes: 0, neededBytes: big.bytes.q4f16 });
    // 10 GB free is too little for the whole model but enough once 5 GB are already stored.
    const tight = { ...desktop, storage: { usage: 5e9, quota: 15e9 } };
    expect(codes(preflight(big, tight))).toEqual(['quota']);
    const resumed = preflight(big, tight, { storedBytes: 5e9 });
    expect(resumed.errors).toEqual([]);
    expect(resumed.download.neededBytes).toBe(big.bytes.q4f16! - 5e9);
    const evictable = preflight(big, desktop, { persisted: false });
    expect(evictable.warnings.map((w) => w.code)).toEqual(['not-persisted']);
    expect(evictable.storage.persisted).toBe(false);
    expect(preflight(big, { ...desktop, storage: undefined }).warnings.map((w) => w.code)).toEqual(['no-storage-estimate']);
  });

  test('built-in models: no download, no storage checks; the fp32 twin where f16 is missing', () => {
    const r = preflight(tiny, { ...swiftshader, storage: { usage: 0, quota: 1 } }, { persisted: false });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.choice).toEqual({ device: 'webgpu', dtype: 'fp32' });
    expect(r.download.neededBytes).toBe(0);
  });
});

describe('requestPersistentStorage', () => {
  test('asks only when not yet persistent, and returns the answer', async () => {
    let asked = 0;
    expect(await requestPersistentStorage({ persisted: async () => true, persist: async () => (asked++, true) })).toBe(true);
    expect(asked).toBe(0);
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => (asked++, false) })).toBe(false);
    expect(asked).toBe(1);
    expect(await requestPersistentStorage(undefined)).toBeUndefined();
  });
});

describe('probeStorage', () => {
  test('usage, quota and persistence; nothing where the browser gives no estimate', async () => {
    expect(await probeStorage({ estimate: async () => ({ usage: 5, quota: 900 }), persisted: async () => true })).toEqual({ usage: 5, quota: 900, persisted: true });
    expect(await probeStorage({ estimate: async () => ({ usage: 5, quota: 900 }), persisted: () => Promise.reject(new Error('no')) })).toEqual({ usage: 5, quota: 900 });
    expect(await probeStorage({ estimate: () => Promise.reject(new Error('denied')), persisted: async () => true })).toBeUndefined();
    expect(await probeStorage(undefined)).toBeUndefined();
  });
});
