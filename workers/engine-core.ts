// The engine: loads a gpt-oss ONNX model with transformers.js and turns token ids into token ids with its
// own decode loop (seeded sampling, top-p, stop ids, abort, KV cache reuse across calls, chunked prefill).
// Plain class with an event callback: the worker wraps it in postMessage, Node tests drive it directly.
import { AutoModelForCausalLM, env, Tensor, type PreTrainedModel } from '@huggingface/transformers';
import {
  EngineError,
  FIXES,
  type EngineErrorCode,
  type EngineEvent,
  type GenerateRequest,
  type LoadRequest,
} from '../src/engine/protocol';
import { DownloadCancelled, DownloadControl } from './download/control';
import { DownloadFailed } from './download/fetch-file';
import { chunkNames, declaredChunks, graphFile } from './external-data';
import { FILES_ROOT, filesFetch, hubKey, resolveModelFiles } from './model-source';
import { pickStore } from './storage/pick-store';
import { fromFp16Bits } from './fp16';
import { createRng, sampleToken } from './sampling';

export const PREFILL_CHUNK = 256;
const IS_NODE = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
const FLUSH_EVERY_TOKENS = 8;
const FLUSH_EVERY_MS = 40;

type Past = Record<string, Tensor>;
interface Cache {
  /** Token ids whose keys/values are in `past`, in order. */
  ids: number[];
  past: Past | null;
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
  if (/maxBufferSize|buffer.*(size|limit)|too large/i.test(message)) return 'buffer-limit';
  if (/quota/i.test(message)) return 'quota';
  if (/fetch|network|404|could not locate|failed to load|not found/i.test(message)) return 'download';
  if (/device (was )?lost/i.test(message)) return 'device-lost';
  return 'bad-model';
}

function lastRow(logits: Tensor): Float32Array {
  const [, seq, vocab] = logits.dims as [number, number, number];
  const start = (seq - 1) * vocab;
  const data = logits.data as ArrayLike<number>;
  const row = new Float32Array(vocab);
  if (logits.type === 'float16' && data instanceof Uint16Array) {
    for (let i = 0; i < vocab; i++) row[i] = fromFp16Bits(data[start + i]!);
  } else {
    for (let i = 0; i < vocab; i++) row[i] = data[start + i]!;
  }
  return row;
}

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Keeps the first `length` positions of CPU key/value tensors [batch, heads, seq, dim]; null if on GPU. */
function cropPast(past: Past, length: number): Past | null {
  const out: Past = {};
  for (const [name, t] of Object.entries(past)) {
    if (t.location !== 'cpu') return null;
    const [b, h, , d] = t.dims as [number, number, number, number];
    const seq = t.dims[2]!;
    const src = t.data as Float32Array | Uint16Array;
    const dst = new (src.constructor as Float32ArrayConstructor | Uint16ArrayConstructor)(b * h * length * d);
    for (let bh = 0; bh < b * h; bh++) dst.set(src.subarray(bh * seq * d, bh * seq * d + length * d), bh * length * d);
    out[name] = new Tensor(t.type, dst, [b, h, length, d]);
  }
  return out;
}

function disposePast(past: Past | null): void {
  if (!past) return;
  for (const t of Object.values(past)) if (t.location === 'gpu-buffer') t.dispose();
}

export class EngineCore {
  private model: PreTrainedModel | null = null;
  private cache: Cache = { ids: [], past: null };
  private readonly aborted = new Set<string>();
  /** The running download's pause/resume/cancel, while a load fetches files. */
  private download: DownloadControl | null = null;
  private downloadKey: string | null = null;

  constructor(private readonly emit: (e: EngineEvent) => void) {}

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
    if (req.device === 'webgpu') await requireWebGpu(req.dtype);
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
    const control = new DownloadControl();
    this.download = control;
    this.downloadKey = req.source?.kind === 'hub' ? hubKey(req.source.repo, req.source.revision) : null;
    try {
      this.model = IS_NODE ? await this.loadFromDisk(req, progress) : await this.loadInBrowser(req, control, progress);
    } catch (e) {
      throw loadError(e, req);
    } finally {
      if (this.download === control) this.download = null;
    }
    this.emit({ type: 'load.ready', modelId: req.modelId, backend: req.device, dtype: req.dtype, ms: performance.now() - t0 });
  }

  /** Node: onnxruntime-node reads the graph and its external data from the model folder itself. */
  private loadFromDisk(req: LoadRequest, progress: (file: string, loaded: number, total: number) => void): Promise<PreTrainedModel> {
    env.allowLocalModels = req.localModelPath !== undefined;
    if (req.localModelPath !== undefined) env.localModelPath = req.localModelPath;
    env.allowRemoteModels = req.localModelPath === undefined;
    return AutoModelForCausalLM.from_pretrained(req.modelId, {
      dtype: req.dtype,
      device: req.device,
      progress_callback: (p: { status: string; file?: string; loaded?: number; total?: number }) => {
        if (p.status === 'progress' && p.file) progress(p.file, p.loaded ?? 0, p.total ?? 0);
      },
    });
  }

  /**
   * Browser: every file is first fetched, downloaded or picked into a Blob (workers/model-source.ts), then
   * transformers.js reads config and graph from those Blobs (its fetch never reaches the network) and ORT gets
   * the external-data chunks as Blobs (streamed to the GPU by the JSPI build, never whole in JS memory).
   */
  private async loadInBrowser(req: LoadRequest, control: DownloadControl, progress: (file: string, loaded: number, total: number) => void): Promise<PreTrainedModel> {
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
    const graph = graphFile(req.dtype);
    const config: unknown = JSON.parse(await blobs.get('config.json')!.text());
    const externalData = chunkNames(graph, declaredChunks(config, graph)).map((name) => {
      const data = blobs.get(`onnx/${name}`);
      if (!data) throw new Error(`The model's external data chunk onnx/${name} is missing`);
      return { path: name, data };
    });
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = FILES_ROOT;
    env.useBrowserCache = false;
    (env as { fetch: typeof fetch }).fetch = filesFetch(req.modelId, blobs);
    return AutoModelForCausalLM.from_pretrained(req.modelId, {
      dtype: req.dtype,
      device: req.device,
      ...(externalData.length > 0 ? { use_external_data_format: false, session_options: { externalData } } : {}),
    });
  }

  /** The stored-model key of the hub download in progress, if any. */
  get activeDownloadKey(): string | null {
    return this.download && this.downloadKey;
  }

  /** Pauses, resumes or cancels the download of the load in progress (no-op when none runs). */
  controlDownload(action: 'pause' | 'resume' | 'cancel'): void {
    this.download?.[action]();
  }

  async unload(): Promise<void> {
    disposePast(this.cache.past);
    this.cache = { ids: [], past: null };
    const m = this.model;
    this.model = null;
    if (m) await m.dispose();
  }

  /** Forgets the KV cache (a new conversation shares no prefix worth keeping). */
  resetCache(): void {
    disposePast(this.cache.past);
    this.cache = { ids: [], past: null };
  }

  abort(requestId: string): void {
    this.aborted.add(requestId);
  }

  /** Runs the model on `ids` after the cache; returns the logits of the last position. */
  private async feed(ids: number[]): Promise<Float32Array> {
    const model = this.model!;
    let logits: Float32Array | null = null;
    for (let at = 0; at < ids.length; at += PREFILL_CHUNK) {
      const chunk = ids.slice(at, at + PREFILL_CHUNK);
      const total = this.cache.ids.length + chunk.length;
      const out = (await model.forward({
        input_ids: new Tensor('int64', BigInt64Array.from(chunk, BigInt), [1, chunk.length]),
        attention_mask: new Tensor('int64', new BigInt64Array(total).fill(1n), [1, total]),
        past_key_values: this.cache.past,
      })) as Record<string, Tensor>;
      const past: Past = {};
      for (const [name, t] of Object.entries(out)) if (name.startsWith('present')) past[name.replace('present', 'past_key_values')] = t;
      disposePast(this.cache.past);
      this.cache = { ids: [...this.cache.ids, ...chunk], past };
      logits = lastRow(out.logits!);
      out.logits!.dispose?.();
    }
    return logits!;
  }

  /** Makes the cache a prefix of `tokens`, keeping as much as possible. Returns how many tokens it kept. */
  private reuse(tokens: readonly number[]): number {
    // At least one token must be fed to get logits, so never keep the whole prompt.
    let keep = Math.min(commonPrefix(this.cache.ids, tokens), tokens.length - 1);
    if (keep < this.cache.ids.length) {
      const cropped = keep > 0 && this.cache.past ? cropPast(this.cache.past, keep) : null;
      if (!cropped) keep = 0;
      disposePast(this.cache.past);
      this.cache = keep > 0 ? { ids: this.cache.ids.slice(0, keep), past: cropped } : { ids: [], past: null };
    }
    return keep;
  }

  async generate(req: GenerateRequest): Promise<void> {
    if (!this.model) fail('not-loaded', 'No model is loaded.');
    if (req.tokens.length === 0) fail('bad-request', 'generate needs at least one prompt token.');
    const { requestId } = req;
    const rng = createRng(req.sampling.seed);
    const stop = new Set(req.stopTokens);
    const t0 = performance.now();
    const reused = this.reuse(req.tokens);
    let logits = await this.feed(req.tokens.slice(reused));
    const prefillMs = performance.now() - t0;
    this.emit({ type: 'prefill.done', requestId, tokens: req.tokens.length - reused, ms: prefillMs, reusedTokens: reused });

    const t1 = performance.now();
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
      flush();
      this.aborted.delete(requestId);
      const stats = { prefillTokens: req.tokens.length - reused, prefillMs, decodeTokens: produced, decodeMs: performance.now() - t1, reusedTokens: reused };
      this.emit(stopToken === undefined ? { type: 'done', requestId, reason, stats } : { type: 'done', requestId, reason, stopToken, stats });
    };
    for (;;) {
      if (this.aborted.has(requestId)) return finish('abort');
      const next = sampleToken(logits, req.sampling, rng);
      produced++;
      batch.push(next);
      if (stop.has(next)) return finish('stop', next);
      if (produced >= req.maxTokens) return finish('length');
      if (batch.length >= FLUSH_EVERY_TOKENS || performance.now() - lastFlush >= FLUSH_EVERY_MS) flush();
      logits = await this.feed([next]);
    }
  }
}

/** Fails with a typed error before any weight is fetched when WebGPU (or shader-f16 for fp16) is missing. */
async function requireWebGpu(dtype: string): Promise<void> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) fail('no-webgpu', 'This browser has no WebGPU (navigator.gpu is missing).');
  const adapter = await gpu.requestAdapter();
  if (!adapter) fail('no-webgpu', 'No WebGPU adapter is available.');
  if (dtype === 'q4f16' && !adapter.features.has('shader-f16')) {
    fail('no-shader-f16', 'This GPU has no "shader-f16" feature, which q4f16 models need.');
  }
}
