// What the app's stores need from the engine. EngineClient (client.ts) satisfies it; tests pass fakes.
import type { EngineErrorInfo, EngineEvent, GenerateRequest, LoadRequest, ProbeResult, StoredModelInfo } from './protocol';

export type LoadProgressEvent = Extract<EngineEvent, { type: 'load.progress' }>;
export type LoadReadyEvent = Extract<EngineEvent, { type: 'load.ready' }>;
export type StoredModels = { models: StoredModelInfo[]; backend: 'opfs' | 'cache' | 'none' };

export interface EngineApi {
  probe(): Promise<ProbeResult>;
  load(req: Omit<LoadRequest, 'type'>, onProgress?: (p: LoadProgressEvent) => void): Promise<LoadReadyEvent>;
  generate(req: Omit<GenerateRequest, 'type' | 'requestId'>): { requestId: string; events: AsyncIterable<EngineEvent> };
  abort(requestId: string): void;
  /** Times the engine restarted after a failure; a restart loses the loaded model. */
  readonly respawns: number;
  /** Every event (the download view follows `download.progress`). Returns an unsubscribe function. */
  subscribe(listener: (e: EngineEvent) => void): () => void;
  /** Control of the hub download in progress (no-op when none runs). */
  pauseDownload(): void;
  resumeDownload(): void;
  cancelDownload(): void;
  /** What this browser has stored (the Models screen). */
  listModels(): Promise<StoredModels>;
  deleteModel(key: string): Promise<void>;
  /** Ends everything at once (another tab took the engine): requests in flight fail with `reason`, the model is gone. */
  stop(reason: EngineErrorInfo): void;
}

/** Where the engine finds the built-in models (the app's own URLs in a browser, a folder in Node). ORT's wasm
 *  is the app's own bundled asset (src/engine/ort-web.ts). */
export interface AssetPaths {
  localModelPath: string;
}
