// What this browser/GPU can do, probed before anything is downloaded, and the pure decisions on it: how (or
// whether) a model can run here (chooseRuntime) and the full preflight a model picker shows (preflight).
import type { ModelManifest, RuntimeChoice } from '../models/manifest';
import { EngineError, FIXES, type Dtype, type EngineErrorCode, type ProbeResult } from './protocol';

/** Probes WebGPU, JSPI and storage (works in a window or a worker). Never throws: a missing API is a capability, not an error. */
export async function probeCapabilities(): Promise<ProbeResult> {
  const nav = globalThis.navigator as (Navigator & { storage?: StorageManager }) | undefined;
  const storage = await probeStorage(nav?.storage);
  const base: ProbeResult = {
    webgpu: false,
    gpuApi: !!nav?.gpu,
    features: [],
    limits: { maxBufferSize: 0, maxStorageBufferBindingSize: 0 },
    jspi: typeof WebAssembly !== 'undefined' && 'Suspending' in WebAssembly,
  };
  if (storage) base.storage = storage;
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

/** The site's storage figures (the same in a window and its workers); undefined where the browser gives none. */
export async function probeStorage(storage: Pick<StorageManager, 'estimate' | 'persisted'> | undefined = globalThis.navigator?.storage): Promise<ProbeResult['storage']> {
  const estimate = storage?.estimate ? await storage.estimate().catch(() => undefined) : undefined;
  if (!estimate) return undefined;
  const persisted = storage?.persisted ? await storage.persisted().catch(() => undefined) : undefined;
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, ...(persisted === undefined ? {} : { persisted }) };
}

/**
 * Asks the browser to keep this site's storage (main thread only: browsers decide from the page's
 * engagement / installation). Returns the answer, or undefined where the API is missing.
 */
export async function requestPersistentStorage(storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage): Promise<boolean | undefined> {
  if (!storage?.persist) return undefined;
  try {
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

const bytes = (n: number) => `${n.toLocaleString('en')} bytes`;
const gb = (n: number) => `${(n / 1e9).toFixed(1)} GB`;
const err = (code: EngineErrorCode, message: string) => new EngineError(code, message, FIXES[code]);

/** Why a dtype cannot run on WebGPU here, in check order; empty when it can. */
function webgpuProblems(model: ModelManifest, dtype: Dtype, caps: ProbeResult): EngineError[] {
  const missing = (model.requiredFeatures[dtype] ?? []).filter((f) => !caps.features.includes(f));
  if (missing.length > 0) return [err('no-shader-f16', `${model.label} needs the WebGPU feature(s) ${missing.join(', ')}, which this GPU lacks.`)];
  const largest = model.largestTensorBytes[dtype] ?? 0;
  const out: EngineError[] = [];
  if (largest > caps.limits.maxBufferSize) out.push(err('buffer-limit', `${model.label} needs a ${bytes(largest)} GPU buffer; this GPU's maxBufferSize is ${bytes(caps.limits.maxBufferSize)}.`));
  else if (largest > caps.limits.maxStorageBufferBindingSize) out.push(err('buffer-limit', `${model.label} binds a ${bytes(largest)} tensor; this GPU's maxStorageBufferBindingSize is ${bytes(caps.limits.maxStorageBufferBindingSize)}.`));
  return out;
}

/** The runtime for a model here, or every reason it cannot run (most fundamental first). */
export function evaluateRuntime(model: ModelManifest, caps: ProbeResult): { choice: RuntimeChoice | null; errors: EngineError[] } {
  const errors: EngineError[] = [];
  if (model.requiresJspi && caps.jspi === false) errors.push(err('no-jspi', `${model.label} (${gb(Math.max(...Object.values(model.bytes)))}) must stream from disk while loading, which needs JS Promise Integration; this browser lacks it.`));
  if (caps.webgpu) {
    let first: EngineError[] | null = null;
    for (const dtype of model.dtypes) {
      const problems = webgpuProblems(model, dtype, caps);
      if (problems.length === 0) return errors.length ? { choice: null, errors } : { choice: { device: 'webgpu', dtype }, errors };
      first ??= problems;
    }
    if (!model.allowWasm) return { choice: null, errors: [...first!, ...errors] };
  } else if (!model.allowWasm) {
    const e = caps.gpuApi
      ? err('no-gpu-adapter', `${model.label} needs WebGPU; this browser has it but granted no GPU adapter.`)
      : err('no-webgpu', `${model.label} needs WebGPU, which this browser does not offer.`);
    return { choice: null, errors: [e, ...errors] };
  }
  if (errors.length) return { choice: null, errors };
  return { choice: { device: 'wasm', dtype: model.dtypes[model.dtypes.length - 1]! }, errors };
}

/** Picks device + dtype for a model, or the typed error that explains why it cannot run here. */
export function chooseRuntime(model: ModelManifest, caps: ProbeResult): RuntimeChoice | EngineError {
  const { choice, errors } = evaluateRuntime(model, caps);
  return choice ?? errors[0]!;
}

/** Whether the browser's storage quota leaves room for a download (`storedBytes` of it already on disk). */
export function checkQuota(model: ModelManifest, dtype: Dtype, caps: ProbeResult, storedBytes = 0): EngineError | null {
  if (!caps.storage || model.source.kind === 'builtin') return null;
  const need = Math.max(0, (model.bytes[dtype] ?? 0) - storedBytes);
  const free = caps.storage.quota - caps.storage.usage;
  return need > free ? err('quota', `${model.label} needs ${gb(need)} more; the browser grants ${gb(free)}.`) : null;
}

export type PreflightCheckId = 'webgpu' | 'adapter' | 'shader-f16' | 'buffer-size' | 'binding-size' | 'jspi' | 'storage' | 'persisted';

export interface PreflightCheck {
  id: PreflightCheckId;
  /** null: not applicable or unknown here. */
  ok: boolean | null;
  detail: string;
}

export interface PreflightWarning {
  code: 'not-persisted' | 'no-storage-estimate';
  message: string;
  fix: string;
}

export interface PreflightReport {
  modelId: string;
  /** How it would run; null when an error blocks it. */
  choice: RuntimeChoice | null;
  /** Blocking problems, most fundamental first; empty when the model can load. */
  errors: EngineError[];
  warnings: PreflightWarning[];
  /** A checklist for the model picker, one line per requirement. */
  checks: PreflightCheck[];
  download: { totalBytes: number; storedBytes: number; neededBytes: number };
  storage: { quota: number | null; usage: number | null; persisted: boolean | null };
}

export interface PreflightOptions {
  /** Bytes of this model already on disk (a paused or finished download). */
  storedBytes?: number;
  /** The answer of navigator.storage.persist(), asked on the main thread (requestPersistentStorage). */
  persisted?: boolean;
}

/** Everything that decides, before a byte is downloaded, whether a model can load here. Pure. */
export function preflight(model: ModelManifest, caps: ProbeResult, opts: PreflightOptions = {}): PreflightReport {
  const { choice, errors } = evaluateRuntime(model, caps);
  const dtype = choice?.dtype ?? model.dtypes[0]!;
  const totalBytes = model.bytes[dtype] ?? 0;
  const storedBytes = Math.min(opts.storedBytes ?? 0, totalBytes);
  const download = model.source.kind === 'hub' ? { totalBytes, storedBytes, neededBytes: totalBytes - storedBytes } : { totalBytes, storedBytes: 0, neededBytes: 0 };
  const quota = checkQuota(model, dtype, caps, storedBytes);
  if (quota) errors.push(quota);
  const persisted = opts.persisted ?? caps.storage?.persisted ?? null;
  const warnings: PreflightWarning[] = [];
  if (model.source.kind === 'hub') {
    if (!caps.storage) warnings.push({ code: 'no-storage-estimate', message: 'The browser does not say how much storage it grants.', fix: 'Make sure the disk has room for the download before you start it.' });
    if (persisted === false) warnings.push({ code: 'not-persisted', message: `The browser may delete the ${gb(totalBytes)} download when disk space runs low.`, fix: 'Install the app or allow persistent storage for this site to keep the model.' });
  }
  const f16 = (model.requiredFeatures[dtype] ?? []).includes('shader-f16');
  const largest = model.largestTensorBytes[dtype] ?? 0;
  const gpuChecks = caps.webgpu;
  const checks: PreflightCheck[] = [
    { id: 'webgpu', ok: caps.gpuApi ?? caps.webgpu, detail: caps.gpuApi ?? caps.webgpu ? 'navigator.gpu is present' : 'no WebGPU in this browser' },
    { id: 'adapter', ok: caps.webgpu, detail: caps.adapter ? `${caps.adapter.vendor} ${caps.adapter.architecture} ${caps.adapter.description}`.trim() : 'no GPU adapter granted' },
    { id: 'shader-f16', ok: f16 && gpuChecks ? caps.features.includes('shader-f16') : null, detail: f16 ? (caps.features.includes('shader-f16') ? 'available' : 'missing; needed by the fp16 weights') : 'not needed' },
    { id: 'buffer-size', ok: gpuChecks ? largest <= caps.limits.maxBufferSize : null, detail: `largest tensor ${bytes(largest)} vs maxBufferSize ${bytes(caps.limits.maxBufferSize)}` },
    { id: 'binding-size', ok: gpuChecks ? largest <= caps.limits.maxStorageBufferBindingSize : null, detail: `largest tensor ${bytes(largest)} vs maxStorageBufferBindingSize ${bytes(caps.limits.maxStorageBufferBindingSize)}` },
    { id: 'jspi', ok: model.requiresJspi ? caps.jspi ?? null : null, detail: model.requiresJspi ? (caps.jspi ? 'available: weights stream from disk' : 'missing: needed to load without holding the model in memory') : 'not needed at this size' },
    { id: 'storage', ok: model.source.kind === 'hub' && caps.storage ? !quota : null, detail: caps.storage ? `${gb(download.neededBytes)} to download, ${gb(caps.storage.quota - caps.storage.usage)} free` : 'no estimate' },
    { id: 'persisted', ok: model.source.kind === 'hub' ? persisted : null, detail: persisted === null ? 'not asked' : persisted ? 'storage is persistent' : 'storage may be evicted' },
  ];
  return {
    modelId: model.id,
    choice: errors.length ? null : choice,
    errors,
    warnings,
    checks,
    download,
    storage: { quota: caps.storage?.quota ?? null, usage: caps.storage?.usage ?? null, persisted },
  };
}
