// The worker protocol: the ONE file both the engine client (main thread) and the inference worker import.
// Requests go in, events come out (shaped like LM Studio's stream / the Responses API events).

export interface Sampling {
  /** 0 = greedy. */
  temperature: number;
  /** Nucleus sampling; 1 = off. */
  topP: number;
  /** 0 = off. */
  topK: number;
  /** Same seed + same inputs = same tokens. */
  seed: number;
}

export type Backend = 'webgpu' | 'wasm' | 'cpu';
export type Dtype = 'fp32' | 'q4f16';

/** One file of a model (manifest, download manager, folder check). */
export interface ModelFile {
  /** Path inside the model folder / hub repo, e.g. `onnx/model_q4f16.onnx_data_1`. */
  path: string;
  bytes: number;
  /** Lowercase hex SHA-256 of the content, where known. */
  sha256?: string;
}

/** A file the user picked (folder load), by its path inside the model folder. */
export interface PickedFile {
  /** e.g. `onnx/model_q4f16.onnx`; a leading folder name (webkitRelativePath) is allowed. */
  path: string;
  file: File;
}

/** Where a browser load takes its files from, when not from the app's own /models/ (localModelPath). */
export type ModelSourceSpec =
  /** Downloaded (resumably, verified) into this browser's storage, then loaded from there. `host` ends with '/'. */
  | { kind: 'hub'; host: string; repo: string; revision: string }
  /** Files the user picked: no network request at all. */
  | { kind: 'folder'; files: PickedFile[] };

export interface LoadRequest {
  type: 'load';
  modelId: string;
  /** Where the files are: a base URL (built-in: the app's /models/), or a filesystem folder in Node. */
  localModelPath?: string;
  device: Backend;
  dtype: Dtype;
  /** Hub download or picked folder instead of localModelPath (browser only). */
  source?: ModelSourceSpec;
  /** The manifest's files for this dtype: sizes are always checked, SHA-256 where given. Required for hub sources. */
  files?: ModelFile[];
  /** Recorded with a download (the Models screen shows which app version stored what). */
  appVersion?: string;
}

/** The key a hub model is stored under in this browser (a new revision is a new model on disk). */
export const storedModelKey = (repo: string, revision: string): string => `${repo}@${revision}`;

/** A model in this browser's storage, as the Models screen lists it. */
export interface StoredModelInfo {
  key: string;
  modelId: string;
  dtype: string;
  repo: string;
  revision: string;
  appVersion: string;
  formatVersion: number;
  /** Every file stored and verified: loads offline. */
  complete: boolean;
  storedBytes: number;
  totalBytes: number;
  updatedAt: number;
  files: { path: string; bytes: number; verified: boolean }[];
}

export interface GenerateRequest {
  type: 'generate';
  requestId: string;
  tokens: number[];
  sampling: Sampling;
  stopTokens: number[];
  maxTokens: number;
}

export type EngineRequest =
  | { type: 'probe' }
  | LoadRequest
  | GenerateRequest
  | { type: 'abort'; requestId: string }
  | { type: 'unload' }
  /** Control the running download (they overtake queued requests). */
  | { type: 'download.pause' }
  | { type: 'download.resume' }
  | { type: 'download.cancel' }
  | { type: 'models.list' }
  | { type: 'models.delete'; key: string };

export interface GenerationStats {
  prefillTokens: number;
  prefillMs: number;
  decodeTokens: number;
  decodeMs: number;
  reusedTokens: number;
  /** Where the decode time went (sums over the generation); absent from engines that do not measure it. */
  breakdown?: DecodeBreakdown;
}

/** Decode time split by phase, summed over a generation (divide by forwardSteps for per-token figures). */
export interface DecodeBreakdown {
  /** Model runs after the first token (one per generated token but the first). */
  forwardSteps: number;
  /** The model's ORT session.run calls. */
  modelRunMs: number;
  /** The token-picking helper graphs' runs; on a GPU this includes waiting for the step and the read-back. */
  samplerRunMs: number;
  /** JavaScript sampling over the read-back candidates. */
  sampleMs: number;
  /** Everything else: feeds, bookkeeping, events. */
  glueMs: number;
  /** Bytes read back to the CPU for picking tokens (the logits never are, except in fallbacks). */
  readbackBytes: number;
  /** Sampled tokens whose exact draw needed the full logits row (rare; 0 when greedy). */
  samplerFallbacks: number;
}

export type EngineErrorCode =
  | 'no-webgpu'
  | 'no-gpu-adapter'
  | 'no-shader-f16'
  | 'no-jspi'
  | 'buffer-limit'
  | 'quota'
  | 'download'
  | 'device-lost'
  | 'bad-model'
  | 'bad-request'
  | 'cancelled'
  | 'incomplete-folder'
  | 'not-loaded'
  | 'worker-crashed'
  | 'inference-failed'
  /** Another tab of this browser owns the engine (one engine per browser: src/engine/engine-lock.ts). */
  | 'engine-elsewhere';

export interface EngineErrorInfo {
  code: EngineErrorCode;
  message: string;
  /** One sentence telling the user what to do. */
  fix: string;
}

export interface ProbeResult {
  /** A WebGPU adapter was granted. */
  webgpu: boolean;
  /** `navigator.gpu` exists (false: no WebGPU at all; true with webgpu false: no adapter). */
  gpuApi?: boolean;
  adapter?: { vendor: string; architecture: string; device: string; description: string };
  features: string[];
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  /** `persisted`: whether the site's storage is already persistent (navigator.storage.persisted()). */
  storage?: { usage: number; quota: number; persisted?: boolean };
  /** JS Promise Integration (WebAssembly.Suspending): ORT's JSPI build streams weights from disk. */
  jspi?: boolean;
}

export interface DownloadFileProgress {
  path: string;
  /** Expected size (0 while unknown). */
  bytes: number;
  stored: number;
  state: 'pending' | 'downloading' | 'verifying' | 'done' | 'skipped';
}

/** The download view's data: one aggregate over all files, per-file detail on demand. */
export interface DownloadProgress {
  /** The stored model's key (`repo@revision`; the modelId for built-in models). */
  key: string;
  modelId: string;
  state: 'checking' | 'downloading' | 'paused' | 'retrying' | 'verifying' | 'done' | 'cancelled';
  totalBytes: number;
  storedBytes: number;
  /** 0-100. */
  percent: number;
  bytesPerSecond: number;
  /** null while the speed is unknown or zero. */
  etaSeconds: number | null;
  /** The file being worked on. */
  file: string | null;
  files: DownloadFileProgress[];
  /** While waiting to retry after a transient failure. */
  retry?: { attempt: number; inMs: number; reason: string };
  /** Requests that continued a file with Range; restarts after a server ignored Range; files fetched again after failing verification. */
  resumed: number;
  rangeIgnored: number;
  corruptRefetched: number;
}

export type EngineEvent =
  | { type: 'probe.result'; result: ProbeResult }
  | { type: 'load.progress'; file: string; loaded: number; total: number; totalLoaded: number; totalBytes: number }
  | ({ type: 'download.progress' } & DownloadProgress)
  /** ortBuild: which ONNX Runtime Web build the browser worker runs (src/engine/ort-web.ts); absent in Node. */
  | { type: 'load.ready'; modelId: string; backend: Backend; dtype: Dtype; ms: number; ortBuild?: 'jspi' | 'asyncify' }
  | { type: 'prefill.done'; requestId: string; tokens: number; ms: number; reusedTokens: number }
  | { type: 'tokens'; requestId: string; ids: number[]; at: number }
  | { type: 'done'; requestId: string; reason: 'stop' | 'length' | 'abort'; stopToken?: number; stats: GenerationStats }
  | { type: 'unloaded' }
  /** backend: where downloads are stored here (`none`: nowhere persistent). */
  | { type: 'models.list.result'; models: StoredModelInfo[]; backend: 'opfs' | 'cache' | 'none' }
  | { type: 'models.deleted'; key: string }
  | ({ type: 'error'; requestId?: string } & EngineErrorInfo);

/** Errors as data, so they cross postMessage intact. */
export class EngineError extends Error implements EngineErrorInfo {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
  toInfo(): EngineErrorInfo {
    return { code: this.code, message: this.message, fix: this.fix };
  }
}

export const FIXES: Record<EngineErrorCode, string> = {
  'no-webgpu': 'Use a browser with WebGPU enabled (Chrome or Edge 113+, Safari 26+), or pick a model that allows the CPU (wasm) backend.',
  'no-gpu-adapter': 'The browser offers WebGPU but granted no GPU adapter; turn on hardware acceleration in the browser settings, update the GPU driver, or check chrome://gpu.',
  'no-jspi': 'This model is too large to load without JS Promise Integration; use Chrome or Edge 137 or newer.',
  'no-shader-f16': 'This model needs the WebGPU "shader-f16" feature, which this GPU/browser lacks; pick a smaller built-in model or another browser/GPU.',
  'buffer-limit': 'The GPU cannot allocate a buffer this large; pick a smaller model or a GPU with more memory.',
  quota: 'The browser refused to store the model; free disk space or allow persistent storage for this site.',
  download: 'A model file could not be downloaded; check the connection and retry — files already downloaded are kept.',
  'device-lost': 'The GPU device was lost (often out of GPU memory); press Recover to restart the engine.',
  'bad-model': 'The model files are missing or corrupt; delete the cached model and load it again.',
  'bad-request': 'The request was malformed; this is a bug in the app, please report it.',
  cancelled: 'The download was cancelled; what was already downloaded is kept until you delete it, so starting again continues from there.',
  'incomplete-folder': 'Pick the folder that holds the whole model (config.json and the onnx/ folder with every data chunk), or copy the missing files into it.',
  'not-loaded': 'Load a model first.',
  'worker-crashed': 'The inference worker crashed and was restarted; try again.',
  'inference-failed': 'Generation failed; the engine was restarted, try again.',
  'engine-elsewhere': 'Press "Use here" to run the model in this tab instead; the other tab stops using it.',
};
