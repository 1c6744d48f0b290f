// Test helper: a Worker stand-in with the same message contract as workers/inference.worker.ts, running the
// real engine core (transformers.js on Node CPU) in-process, so EngineClient can be tested without a browser.
import { EngineCore } from '../../../workers/engine-core';
import type { WorkerLike } from '../client';
import { EngineError, FIXES, type EngineEvent, type EngineRequest } from '../protocol';

/** A Worker stand-in: same message contract as workers/inference.worker.ts, core in-process. */
export class InProcessWorker implements WorkerLike {
  static created = 0;
  onmessage: ((ev: MessageEvent<EngineEvent>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  terminated = false;
  private queue = Promise.resolve();
  private readonly core = new EngineCore((e) => !this.terminated && this.onmessage?.({ data: e } as MessageEvent<EngineEvent>));
  constructor(private readonly crashOnGenerate = false) {
    InProcessWorker.created++;
  }
  postMessage(req: EngineRequest): void {
    if (req.type === 'abort') return this.core.abort(req.requestId);
    if (req.type === 'generate' && this.crashOnGenerate) {
      setTimeout(() => this.onerror?.({ message: 'simulated crash', preventDefault() {} } as ErrorEvent));
      return;
    }
    this.queue = this.queue
      .then(async () => {
        if (req.type === 'load') await this.core.load(req);
        else if (req.type === 'generate') await this.core.generate(req);
        else if (req.type === 'unload') await this.core.unload();
      })
      .catch((e: unknown) => {
        const err = e instanceof EngineError ? e : new EngineError('inference-failed', String(e), FIXES['inference-failed']);
        this.onmessage?.({ data: { type: 'error', ...(req.type === 'generate' ? { requestId: req.requestId } : {}), ...err.toInfo() } } as MessageEvent<EngineEvent>);
      });
  }
  terminate(): void {
    this.terminated = true;
  }
}
