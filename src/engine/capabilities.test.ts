import { describe, expect, test } from 'vitest';
import { findModel } from '../models/manifest';
import { checkQuota, chooseRuntime } from './capabilities';
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
