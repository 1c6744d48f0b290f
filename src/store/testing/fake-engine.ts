// A fake engine for store tests: probe and load (with progress) like EngineClient, generation replayed by a
// ScriptedEngine, a restart after a crash that loses the loaded model, as the real client does, and the
// download/storage side (events emitted by the test, a stored-models list, stop) of the browser engine.
import type { EngineApi, LoadProgressEvent, LoadReadyEvent, StoredModels } from '../../engine/api';
import { EngineError, FIXES, type EngineErrorInfo, type EngineEvent, type GenerateRequest, type LoadRequest, type ProbeResult, type StoredModelInfo } from '../../engine/protocol';
import { ScriptedEngine, type Completion } from '../../chat/testing/scripted-engine';

export const NO_WEBGPU: ProbeResult = { webgpu: false, features: [], limits: { maxBufferSize: 0, maxStorageBufferBindingSize: 0 } };
const KEEPS_ENGINE = new Set(['not-loaded', 'bad-request']);
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export class FakeEngineApi implements EngineApi {
  respawns = 0;
  probes = 0;
  readonly loads: Omit<LoadRequest, 'type'>[] = [];
  loaded: string | null = null;
  probeResult: ProbeResult = NO_WEBGPU;
  /** The next load fails with this error (then the field clears). */
  failNextLoad: EngineError | null = null;
  /** Loads wait for this before finishing. */
  loadGate: Promise<void> = Promise.resolve();
  readonly scripted: ScriptedEngine;
  /** What listModels answers. */
  stored: StoredModelInfo[] = [];
  /** Download controls and deletes received, in order ('pause', 'resume', 'cancel', 'delete <key>'). */
  readonly controls: string[] = [];
  /** Times stop() was called, with its reason. */
  readonly stops: EngineErrorInfo[] = [];
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private stopLoad: ((e: EngineError) => void) | null = null;

  constructor(script: Completion[] = []) {
    this.scripted = new ScriptedEngine(script);
  }

  async probe(): Promise<ProbeResult> {
    this.probes++;
    return this.probeResult;
  }

  async load(req: Omit<LoadRequest, 'type'>, onProgress?: (p: LoadProgressEvent) => void): Promise<LoadReadyEvent> {
    this.loads.push(req);
    const stopped = new Promise<never>((_, reject) => (this.stopLoad = reject));
    stopped.catch(() => {});
    const files = [['config.json', 1_000], ['model.onnx', 9_000]] as const;
    let totalLoaded = 0;
    const totalBytes = files.reduce((n, [, size]) => n + size, 0);
    for (const [file, size] of files) {
      await tick();
      totalLoaded += size;
      onProgress?.({ type: 'load.progress', file, loaded: size, total: size, totalLoaded, totalBytes });
    }
    await Promise.race([this.loadGate, stopped]);
    this.stopLoad = null;
    const fail = this.failNextLoad;
    this.failNextLoad = null;
    if (fail) {
      this.respawns++;
      throw fail;
    }
    this.loaded = req.modelId;
    return { type: 'load.ready', modelId: req.modelId, backend: req.device, dtype: req.dtype, ms: 1 };
  }

  generate(req: Omit<GenerateRequest, 'type' | 'requestId'>): { requestId: string; events: AsyncIterable<EngineEvent> } {
    if (this.loaded === null) {
      const events = (async function* (): AsyncGenerator<EngineEvent> {
        throw new EngineError('not-loaded', 'No model is loaded.', FIXES['not-loaded']);
      })();
      return { requestId: 'not-loaded', events };
    }
    const { requestId, events } = this.scripted.generate(req);
    const self = this;
    async function* watched(): AsyncGenerator<EngineEvent> {
      try {
        yield* events;
      } catch (e) {
        if (e instanceof EngineError && !KEEPS_ENGINE.has(e.code)) {
          self.respawns++; // the client replaced its worker: the model is gone
          self.loaded = null;
        }
        throw e;
      }
    }
    return { requestId, events: watched() };
  }

  abort(requestId: string): void {
    this.scripted.abort(requestId);
  }

  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends an event to subscribers, as the worker would. */
  emit(e: EngineEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  pauseDownload(): void {
    this.controls.push('pause');
  }

  resumeDownload(): void {
    this.controls.push('resume');
  }

  cancelDownload(): void {
    this.controls.push('cancel');
  }

  async listModels(): Promise<StoredModels> {
    return { models: this.stored.map((m) => ({ ...m })), backend: 'opfs' };
  }

  async deleteModel(key: string): Promise<void> {
    this.controls.push(`delete ${key}`);
    this.stored = this.stored.filter((m) => m.key !== key);
  }

  stop(reason: EngineErrorInfo): void {
    this.stops.push(reason);
    this.respawns++;
    this.loaded = null;
    this.stopLoad?.(new EngineError(reason.code, reason.message, reason.fix));
    this.stopLoad = null;
  }
}
