// The engine: loads a gpt-oss ONNX model into an ONNX Runtime session and turns token ids into token ids
// with its own decode loop (seeded sampling, top-p, stop ids, abort, KV cache reuse across calls, chunked
// prefill). It calls ORT directly: the logits stay where the model computed them (a GPU buffer on WebGPU)
// and small helper graphs on the same device pick the token, so per token only a few KB reach the CPU and
// no JavaScript loop runs over the 201,088-entry vocabulary. Regenerate/edit crops the KV cache in place.
// Plain class with an event callback: the worker wraps it in postMessage, Node tests drive it directly.
import {
  EngineError,
  FIXES,
  type DecodeBreakdown,
  type EngineErrorCode,
  type EngineEvent,
  type GenerateRequest,
  type LoadRequest,
} from '../src/engine/protocol';
import { Decoder, releasePast, type Past } from './decoder';
import { DownloadCancelled, DownloadControl } from './download/control';
import { DownloadFailed } from './download/fetch-file';
import { filesFromBlobs, nodeModelFiles, type ModelFiles } from './model-files';
import { hubKey, resolveModelFiles } from './model-source';
import { pickStore } from './storage/pick-store';
import { hasExecutionProvider, IS_NODE, loadNodeOrt, release, type InferenceSession, type OrtApi, type Tensor } from './ort-runtime';
import { createRng } from './sampling';
import { newCounters, TokenSampler } from './token-sampler';

export const PREFILL_CHUNK = 256;
const FLUSH_EVERY_TOKENS = 8;
const FLUSH_EVERY_MS = 40;

interface Cache {
  /** Token ids whose keys/values are in `past`, in order. */
  ids: number[];
  past: Past | null;
}

interface Loaded {
  decoder: Decoder;
  sampler: TokenSampler;
}

export interface EngineOptions {
  /** The ORT module (the browser worker passes ORT-web); Node loads onnxruntime-node when omitted. */
  ort?: OrtApi;
  /** Prompt tokens per prefill run (default PREFILL_CHUNK). */
  prefillChunk?: number;
}

function fail(code: EngineErrorCode, message: string): never {
  throw new EngineError(code, message, FIXES[code]);
}

/** Any load failure as a typed error: download outcomes by kind, loader messages by content. */
function loadError(e: unknown, req: LoadRequest): EngineError {
  if (e instanceof EngineError) return e;
  const what = `Loading ${req.modelId} (${req.dtype}, ${req.device})`;
  if (e instanceof DownloadCancelled) return new EngineError('cancelled', `${what} was cancelled.`, FIXES.cancelled);
  if (e instanceof DownloadFailed) {
    const code = e.kind === 'quota' ? 'quota' : e.kind === 'corrupt' ? 'bad-model' : 'download';
    return new EngineError(code, `${what} failed: ${e.message}`, FIXES[code]);
  }
  const message = e instanceof Error ? e.message : String(e);
  const code = loadErrorCode(message);
  return new EngineError(code, `${what} failed: ${message}`, FIXES[code]);
}

/** Classifies a loader failure into a typed error. */
export function loadErrorCode(message: string): EngineErrorCode {
  if (/shader-f16|requires f16/i.test(message)) return 'no-shader-f16';
  if (/webgpu adapter|no supported adapters|navigator\.gpu/i.test(message)) return 'no-webgpu';
  if (/maxBufferSize|buffer.*(size|limit)|too large/i.test(message)) return 'buffer-limit';
  if (/quota/i.test(message)) return 'quota';
  if (/fetch|network|404|could not locate|failed to load|not found|ENOENT|no such file/i.test(message)) return 'download';
  if (/device (was )?lost/i.test(message)) return 'device-lost';
  return 'bad-model';
}

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

export class EngineCore {
  private ort: OrtApi | undefined;
  private model: Loaded | null = null;
  private cache: Cache = { ids: [], past: null };
  private readonly aborted = new Set<string>();
  private readonly prefillChunk: number;
  /** The running download's pause/resume/cancel, while a load fetches files. */
  private download: DownloadControl | null = null;
  private downloadKey: string | null = null;

  constructor(
    private readonly emit: (e: EngineEvent) => void,
    options: EngineOptions = {},
  ) {
    this.ort = options.ort;
    this.prefillChunk = options.prefillChunk ?? PREFILL_CHUNK;
  }

  get loaded(): boolean {
    return this.model !== null;
  }

  /** Tokens currently held in the KV cache (for tests and stats). */
  get cachedTokens(): number {
    return this.cache.ids.length;
  }

  async load(req: LoadRequest): Promise<void> {
    await this.unload();
    const t0 = performance.now();
    const ort = (this.ort ??= await loadNodeOrt());
    const gpu = req.device === 'webgpu';
    if (gpu) await requireWebGpu(ort, req.dtype);
    if (!IS_NODE) ort.env.wasm.proxy = false;
    const ep = gpu ? 'webgpu' : IS_NODE ? 'cpu' : 'wasm';
    const files = new Map<string, { loaded: number; total: number }>();
    const progress = (file: string, loaded: number, total: number): void => {
      files.set(file, { loaded, total });
      let totalLoaded = 0;
      let totalBytes = 0;
      for (const f of files.values()) {
        totalLoaded += f.loaded;
        totalBytes += f.total;
      }
      this.emit({ type: 'load.progress', file, loaded, total, totalLoaded, totalBytes });
    };
    let session: InferenceSession | undefined;
    const control = new DownloadControl();
    this.download = control;
    this.downloadKey = req.source?.kind === 'hub' ? hubKey(req.source.repo, req.source.revision) : null;
    try {
      const { graph, externalData, config } = IS_NODE ? await nodeModelFiles(req, progress) : await this.browserFiles(req, control, progress);
      const floatType = req.dtype === 'fp32' ? 'float32' : 'float16';
      const base: InferenceSession.SessionOptions = { executionProviders: [ep], logSeverityLevel: 3 };
      // On WebGPU the model's logits and present key/values stay in GPU buffers; the helper graphs read them there.
      session = await ort.InferenceSession.create(graph, {
        ...base,
        ...(externalData.length > 0 ? { externalData } : {}),
        ...(gpu ? { preferredOutputLocation: Decoder.gpuOutputs(config.layers) } : {}),
      });
      const shape = { vocab: config.vocab, kvHeads: config.kvHeads, headDim: config.headDim, floatType } as const;
      // Helper graphs are small: on onnxruntime-node's CPU EP one thread each, so that their idle thread pools
      // do not spin beside the model's.
      const helpers: InferenceSession.SessionOptions = { ...base, ...(ep === 'cpu' ? { intraOpNumThreads: 1 } : {}) };
      const decoder = await Decoder.create(ort, session, shape, gpu ? { ...helpers, preferredOutputLocation: 'gpu-buffer' } : helpers);
      const sampler = await TokenSampler.create(ort, helpers, config.vocab, floatType);
      this.model = { decoder, sampler };
      if (gpu) await this.warmUp();
    } catch (e) {
      if (this.model) await this.unload();
      else await session?.release().catch(() => undefined);
      throw loadError(e, req);
    } finally {
      if (this.download === control) this.download = null;
    }
    this.emit({ type: 'load.ready', modelId: req.modelId, backend: req.device, dtype: req.dtype, ms: performance.now() - t0 });
  }

  /**
   * Browser: every file is first fetched, downloaded or picked into a Blob (workers/model-source.ts: the app's
   * /models/, a verified hub download kept in OPFS, or a picked folder); ORT gets the external-data chunks as
   * Blobs (streamed to the GPU by the JSPI build, never whole in JS memory).
   */
  private async browserFiles(req: LoadRequest, control: DownloadControl, progress: (file: string, loaded: number, total: number) => void): Promise<ModelFiles> {
    const blobs = await resolveModelFiles(req, {
      control,
      fetch: (input, init) => fetch(input, init),
      store: pickStore,
      onProgress: (p) => {
        this.emit({ type: 'download.progress', ...p });
        const f = p.files.find((x) => x.path === p.file);
        if (f) progress(f.path, f.stored, f.bytes);
      },
    });
    // A stalled read that recovered is worth a line in the console: it says the browser's file reads hiccup.
    return filesFromBlobs(req.dtype, blobs, { onStall: (s) => console.warn(`Reading ${s.name} stalled at byte ${s.at} of ${s.to} (attempt ${s.attempt}); reading on from there.`) });
  }

  /** The stored-model key of the hub download in progress, if any. */
  get activeDownloadKey(): string | null {
    return this.download && this.downloadKey;
  }

  /** Pauses, resumes or cancels the download of the load in progress (no-op when none runs). */
  controlDownload(action: 'pause' | 'resume' | 'cancel'): void {
    this.download?.[action]();
  }

  /** One token through every graph: compiles the shaders and surfaces a missing GPU feature (shader-f16) at load. */
  private async warmUp(): Promise<void> {
    const { decoder, sampler } = this.model!;
    const past = decoder.emptyPast();
    const { logits, present } = await decoder.run([0], past, 0);
    try {
      const counters = newCounters();
      await sampler.greedy(logits, counters);
      await sampler.candidates(logits, 1, 1, counters);
      releasePast(await decoder.crop(present, 1));
    } finally {
      release([logits]);
      releasePast(present);
    }
  }

  async unload(): Promise<void> {
    releasePast(this.cache.past);
    this.cache = { ids: [], past: null };
    const m = this.model;
    this.model = null;
    if (!m) return;
    await m.decoder.release();
    await m.sampler.release();
  }

  /** Forgets the KV cache (a new conversation shares no prefix worth keeping). */
  resetCache(): void {
    releasePast(this.cache.past);
    this.cache = { ids: [], past: null };
  }

  abort(requestId: string): void {
    this.aborted.add(requestId);
  }

  /** Runs the model on `ids` after the cache; returns the logits of the last run (the caller releases them). */
  private async feed(ids: readonly number[], onRun?: (ms: number) => void): Promise<Tensor> {
    const { decoder } = this.model!;
    let logits: Tensor | null = null;
    for (let at = 0; at < ids.length; at += this.prefillChunk) {
      const chunk = ids.slice(at, at + this.prefillChunk);
      const past = this.cache.past ?? decoder.emptyPast();
      const out = await decoder.run(chunk, past, this.cache.ids.length, onRun);
      releasePast(this.cache.past);
      this.cache = { ids: [...this.cache.ids, ...chunk], past: out.present };
      if (logits) release([logits]);
      logits = out.logits;
    }
    return logits!;
  }

  /**
   * Makes the cache a prefix of `tokens`, keeping as much as possible (the crop runs where the cache lies,
   * so regenerate/edit re-prefills only the new suffix). Returns how many tokens it kept.
   */
  private async reuse(tokens: readonly number[]): Promise<number> {
    // At least one token must be fed to get logits, so never keep the whole prompt.
    const keep = Math.min(commonPrefix(this.cache.ids, tokens), tokens.length - 1);
    if (keep === this.cache.ids.length) return keep;
    const old = this.cache;
    this.cache = { ids: [], past: null };
    const past = keep > 0 && old.past ? await this.model!.decoder.crop(old.past, keep) : null;
    releasePast(old.past);
    if (past) this.cache = { ids: old.ids.slice(0, keep), past };
    return past ? keep : 0;
  }

  async generate(req: GenerateRequest): Promise<void> {
    if (!this.model) fail('not-loaded', 'No model is loaded.');
    if (req.tokens.length === 0) fail('bad-request', 'generate needs at least one prompt token.');
    const { sampler } = this.model;
    const { requestId } = req;
    const rng = createRng(req.sampling.seed);
    const stop = new Set(req.stopTokens);
    const t0 = performance.now();
    const reused = await this.reuse(req.tokens);
    let logits = await this.feed(req.tokens.slice(reused));
    const prefillMs = performance.now() - t0;
    this.emit({ type: 'prefill.done', requestId, tokens: req.tokens.length - reused, ms: prefillMs, reusedTokens: reused });

    const t1 = performance.now();
    const counters = newCounters();
    let modelRunMs = 0;
    let forwardSteps = 0;
    const onRun = (ms: number) => {
      modelRunMs += ms;
      forwardSteps++;
    };
    let batch: number[] = [];
    let lastFlush = t1;
    let produced = 0;
    const flush = () => {
      if (batch.length === 0) return;
      this.emit({ type: 'tokens', requestId, ids: batch, at: Date.now() });
      batch = [];
      lastFlush = performance.now();
    };
    const finish = (reason: 'stop' | 'length' | 'abort', stopToken?: number) => {
      release([logits]);
      flush();
      this.aborted.delete(requestId);
      const decodeMs = performance.now() - t1;
      const breakdown: DecodeBreakdown = {
        forwardSteps,
        modelRunMs,
        samplerRunMs: counters.runMs,
        sampleMs: counters.sampleMs,
        glueMs: decodeMs - modelRunMs - counters.runMs - counters.sampleMs,
        readbackBytes: counters.readbackBytes,
        samplerFallbacks: counters.fallbacks,
      };
      const stats = { prefillTokens: req.tokens.length - reused, prefillMs, decodeTokens: produced, decodeMs, reusedTokens: reused, breakdown };
      this.emit(stopToken === undefined ? { type: 'done', requestId, reason, stats } : { type: 'done', requestId, reason, stopToken, stats });
    };
    for (;;) {
      if (this.aborted.has(requestId)) return finish('abort');
      const next = await sampler.next(logits, req.sampling, rng, counters);
      produced++;
      batch.push(next);
      if (stop.has(next)) return finish('stop', next);
      if (produced >= req.maxTokens) return finish('length');
      if (batch.length >= FLUSH_EVERY_TOKENS || performance.now() - lastFlush >= FLUSH_EVERY_MS) flush();
      release([logits]);
      logits = await this.feed([next], onRun);
    }
  }
}

/**
 * Fails with a typed error before any weight is read when WebGPU is missing. In a browser: navigator.gpu
 * and (for q4f16) the adapter's shader-f16. In Node there is no navigator: onnxruntime-node's own WebGPU
 * execution provider (Dawn) finds the adapter when the session is created, so only its presence is checked.
 */
async function requireWebGpu(ort: OrtApi, dtype: string): Promise<void> {
  if (IS_NODE) {
    if (!hasExecutionProvider(ort, 'webgpu')) fail('no-webgpu', 'This onnxruntime-node build has no WebGPU execution provider (it ships for Windows, macOS and Linux x64).');
    return;
  }
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) fail('no-webgpu', 'This browser has no WebGPU (navigator.gpu is missing).');
  const adapter = await gpu.requestAdapter();
  if (!adapter) fail('no-webgpu', 'No WebGPU adapter is available.');
  if (dtype === 'q4f16' && !adapter.features.has('shader-f16')) {
    fail('no-shader-f16', 'This GPU has no "shader-f16" feature, which q4f16 models need.');
  }
}
