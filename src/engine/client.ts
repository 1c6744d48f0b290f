// The engine client: the only code that knows a worker exists. Typed requests in, typed events out, as
// promises (probe, load) and async iterables (generate). After any worker failure it terminates the worker
// and starts a fresh one, because a failed ORT call poisons its JS realm (ENGINE-NOTES risk 5).
import type { StoredModels } from './api';
import {
  EngineError,
  FIXES,
  type EngineErrorInfo,
  type EngineEvent,
  type EngineRequest,
  type GenerateRequest,
  type LoadRequest,
  type ProbeResult,
} from './protocol';

export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<EngineEvent>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}
export type WorkerFactory = () => WorkerLike;
type LoadReady = Extract<EngineEvent, { type: 'load.ready' }>;
type LoadProgress = Extract<EngineEvent, { type: 'load.progress' }>;

/** Errors about the request itself (or a download stopped before ORT ran) leave the worker healthy; every other error gets a fresh worker. */
const KEEPS_WORKER = new Set(['not-loaded', 'bad-request', 'cancelled', 'incomplete-folder', 'engine-elsewhere']);
/** Errors that end every request in flight, generations included (the worker is gone). */
const ENDS_ALL = new Set(['worker-crashed', 'engine-elsewhere']);

export class EngineClient {
  private worker: WorkerLike;
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private nextId = 0;
  /** Times a worker was replaced after a failure (for the UI and tests). */
  respawns = 0;

  constructor(private readonly factory: WorkerFactory) {
    this.worker = this.spawn();
  }

  private spawn(): WorkerLike {
    const w = this.factory();
    w.onmessage = (ev) => this.dispatch(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault?.();
      this.dispatch({ type: 'error', code: 'worker-crashed', message: `The inference worker crashed: ${ev.message || 'unknown error'}`, fix: FIXES['worker-crashed'] });
    };
    return w;
  }

  private notify(e: EngineEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  private dispatch(e: EngineEvent): void {
    this.notify(e);
    if (e.type === 'error' && !KEEPS_WORKER.has(e.code)) this.respawn();
  }

  /** Terminates the worker and starts a fresh one (the loaded model is gone with it). */
  respawn(): void {
    this.worker.terminate();
    this.worker = this.spawn();
    this.respawns++;
  }

  /**
   * Ends everything now (another tab took the engine over): the worker is terminated, which frees the model and
   * closes the download's files at once; every request in flight fails with `reason`; a fresh worker waits.
   */
  stop(reason: EngineErrorInfo): void {
    this.respawn();
    this.notify({ type: 'error', ...reason });
  }

  /** Every event, for stores that show progress and stats. Returns an unsubscribe function. */
  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private request<T>(req: EngineRequest, settle: (e: EngineEvent) => { value: T } | { error: EngineError } | null): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const off = this.subscribe((e) => {
        const r = settle(e);
        if (!r) return;
        off();
        if ('value' in r) resolve(r.value);
        else reject(r.error);
      });
      this.worker.postMessage(req);
    });
  }

  probe(): Promise<ProbeResult> {
    return this.request<ProbeResult>({ type: 'probe' }, (e) => (e.type === 'probe.result' ? { value: e.result } : e.type === 'error' ? { error: toError(e) } : null));
  }

  load(req: Omit<LoadRequest, 'type'>, onProgress?: (p: LoadProgress) => void): Promise<LoadReady> {
    return this.request<LoadReady>({ type: 'load', ...req }, (e) => {
      if (e.type === 'load.progress') onProgress?.(e);
      if (e.type === 'load.ready') return { value: e };
      if (e.type === 'error' && e.requestId === undefined) return { error: toError(e) };
      return null;
    });
  }

  /** Download control for the load in progress (events: `download.progress`). */
  pauseDownload(): void {
    this.worker.postMessage({ type: 'download.pause' });
  }

  resumeDownload(): void {
    this.worker.postMessage({ type: 'download.resume' });
  }

  cancelDownload(): void {
    this.worker.postMessage({ type: 'download.cancel' });
  }

  /** What this browser has stored (the Models screen). */
  listModels(): Promise<StoredModels> {
    return this.request<StoredModels>({ type: 'models.list' }, (e) => (e.type === 'models.list.result' ? { value: { models: e.models, backend: e.backend } } : e.type === 'error' && e.requestId === undefined ? { error: toError(e) } : null));
  }

  /** Deletes a stored model (cancelling its download if it is running). */
  deleteModel(key: string): Promise<void> {
    return this.request<void>({ type: 'models.delete', key }, (e) => (e.type === 'models.deleted' && e.key === key ? { value: undefined } : e.type === 'error' && e.requestId === undefined ? { error: toError(e) } : null));
  }

  unload(): Promise<void> {
    // A worker that was stopped holds no model: that is unloaded too.
    return this.request<void>({ type: 'unload' }, (e) => (e.type === 'unloaded' || (e.type === 'error' && ENDS_ALL.has(e.code)) ? { value: undefined } : null));
  }

  /** Starts a generation; events of this request arrive in order and end with `done` (or throw). */
  generate(req: Omit<GenerateRequest, 'type' | 'requestId'>): { requestId: string; events: AsyncIterable<EngineEvent> } {
    const requestId = `g${++this.nextId}-${Date.now().toString(36)}`;
    const buffered: EngineEvent[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    const off = this.subscribe((e) => {
      const mine = ('requestId' in e && e.requestId === requestId) || (e.type === 'error' && ENDS_ALL.has(e.code));
      if (!mine) return;
      buffered.push(e);
      if (e.type === 'done' || e.type === 'error') {
        finished = true;
        off();
      }
      wake?.();
    });
    this.worker.postMessage({ type: 'generate', requestId, ...req });
    const events = {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const e = buffered.shift();
          if (e) {
            if (e.type === 'error') throw toError(e);
            yield e;
            if (e.type === 'done') return;
            continue;
          }
          if (finished) return;
          await new Promise<void>((r) => (wake = r));
          wake = null;
        }
      },
    };
    return { requestId, events };
  }

  abort(requestId: string): void {
    this.worker.postMessage({ type: 'abort', requestId });
  }

  dispose(): void {
    this.worker.terminate();
    this.listeners.clear();
  }
}

function toError(e: Extract<EngineEvent, { type: 'error' }>): EngineError {
  return new EngineError(e.code, e.message, e.fix);
}
