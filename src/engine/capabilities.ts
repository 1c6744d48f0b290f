// What this browser/GPU can do, probed before anything is downloaded, and the pure decision of how (or
// whether) a model can run on it.
import type { ModelManifest, RuntimeChoice } from '../models/manifest';
import { EngineError, FIXES, type ProbeResult } from './protocol';

/** Probes WebGPU (works in a window or a worker). Never throws: a missing API is a capability, not an error. */
export async function probeCapabilities(): Promise<ProbeResult> {
  const nav = globalThis.navigator as (Navigator & { storage?: StorageManager }) | undefined;
  const storage = nav?.storage?.estimate ? await nav.storage.estimate().catch(() => undefined) : undefined;
  const base: ProbeResult = { webgpu: false, features: [], limits: { maxBufferSize: 0, maxStorageBufferBindingSize: 0 } };
  if (storage) base.storage = { usage: storage.usage ?? 0, quota: storage.quota ?? 0 };
  const gpu = nav?.gpu;
  if (!gpu) return base;
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return base;
  const info = adapter.info;
  return {
    ...base,
    webgpu: true,
    adapter: { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description },
    features: [...adapter.features].sort(),
    limits: { maxBufferSize: adapter.limits.maxBufferSize, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize },
  };
}

/** Picks device + dtype for a model, or the typed error that explains why it cannot run here. */
export function chooseRuntime(model: ModelManifest, caps: ProbeResult): RuntimeChoice | EngineError {
  if (caps.webgpu) {
    const missingF16: string[] = [];
    for (const dtype of model.dtypes) {
      const needs = model.requiredFeatures[dtype] ?? [];
      const missing = needs.filter((f) => !caps.features.includes(f));
      if (missing.length > 0) {
        missingF16.push(...missing);
        continue;
      }
      const largest = model.largestTensorBytes[dtype] ?? 0;
      if (largest > caps.limits.maxBufferSize) {
        return new EngineError('buffer-limit', `${model.label} needs a ${largest.toLocaleString('en')}-byte GPU buffer; this GPU allows ${caps.limits.maxBufferSize.toLocaleString('en')}.`, FIXES['buffer-limit']);
      }
      return { device: 'webgpu', dtype };
    }
    if (!model.allowWasm) {
      return new EngineError('no-shader-f16', `${model.label} needs the WebGPU feature(s) ${[...new Set(missingF16)].join(', ')}, which this GPU lacks.`, FIXES['no-shader-f16']);
    }
  }
  if (model.allowWasm) return { device: 'wasm', dtype: model.dtypes[model.dtypes.length - 1]! };
  return new EngineError('no-webgpu', `${model.label} needs WebGPU, which this browser does not offer.`, FIXES['no-webgpu']);
}

/** Whether the browser's storage quota leaves room for a download. */
export function checkQuota(model: ModelManifest, dtype: keyof ModelManifest['bytes'], caps: ProbeResult): EngineError | null {
  const need = model.bytes[dtype] ?? 0;
  if (!caps.storage || model.source.kind === 'builtin') return null;
  const free = caps.storage.quota - caps.storage.usage;
  return need > free ? new EngineError('quota', `${model.label} needs ${(need / 1e9).toFixed(1)} GB; the browser grants ${(free / 1e9).toFixed(1)} GB.`, FIXES.quota) : null;
}
