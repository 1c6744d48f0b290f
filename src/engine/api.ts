// What the app's stores need from the engine. EngineClient (client.ts) satisfies it; tests pass fakes.
import type { EngineEvent, GenerateRequest, LoadRequest, ProbeResult } from './protocol';

export type LoadProgressEvent = Extract<EngineEvent, { type: 'load.progress' }>;
export type LoadReadyEvent = Extract<EngineEvent, { type: 'load.ready' }>;

export interface EngineApi {
  probe(): Promise<ProbeResult>;
  load(req: Omit<LoadRequest, 'type'>, onProgress?: (p: LoadProgressEvent) => void): Promise<LoadReadyEvent>;
  generate(req: Omit<GenerateRequest, 'type' | 'requestId'>): { requestId: string; events: AsyncIterable<EngineEvent> };
  abort(requestId: string): void;
  /** Times the engine restarted after a failure; a restart loses the loaded model. */
  readonly respawns: number;
}

/** Where the engine finds the built-in models (the app's own URLs in a browser, a folder in Node). ORT's wasm
 *  is the app's own bundled asset (src/engine/ort-web.ts). */
export interface AssetPaths {
  localModelPath: string;
}
