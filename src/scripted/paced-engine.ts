// A fake engine that streams scripted token ids at a fixed rate, batched as the real worker batches them
// (up to 8 ids or 40 ms per message), so the real parser, stores and UI see a realistic stream. For the
// scripted page (browser tests of rendering, `npm run bench:ui`); never used by the app itself.
import type { EngineApi, LoadProgressEvent, LoadReadyEvent, StoredModels } from '../engine/api';
import type { EngineEvent, GenerateRequest, LoadRequest, ProbeResult } from '../engine/protocol';

const BATCH_IDS = 8;
const BATCH_MS = 40;

export class PacedEngine implements EngineApi {
  readonly respawns = 0;
  /** Completions replayed by the next generate() calls, in order. */
  script: number[][] = [];
  tokensPerSecond = 100;
  /** Every generation request so far (tests read the prompts the chat sent). */
  readonly requests: Omit<GenerateRequest, 'type' | 'requestId'>[] = [];
  /** Ids the simulated KV cache holds (prompt + generated), for a realistic reusedTokens. */
  private cache: number[] = [];
  private n = 0;
  private readonly aborted = new Set<string>();

  async probe(): Promise<ProbeResult> {
    return { webgpu: false, features: [], limits: { maxBufferSize: 0, maxStorageBufferBindingSize: 0 } };
  }

  async load(req: Omit<LoadRequest, 'type'>, onProgress?: (p: LoadProgressEvent) => void): Promise<LoadReadyEvent> {
    onProgress?.({ type: 'load.progress', file: 'scripted', loaded: 1, total: 1, totalLoaded: 1, totalBytes: 1 });
    return { type: 'load.ready', modelId: req.modelId, backend: req.device, dtype: req.dtype, ms: 0 };
  }

  abort(requestId: string): void {
    this.aborted.add(requestId);
  }

  // No downloads and no storage: the scripted page never stores a model.
  subscribe(): () => void {
    return () => {};
  }
  pauseDownload(): void {}
  resumeDownload(): void {}
  cancelDownload(): void {}
  async listModels(): Promise<StoredModels> {
    return { models: [], backend: 'none' };
  }
  async deleteModel(): Promise<void> {}

  /** Another tab took over: every replay in flight ends as aborted. */
  stop(): void {
    for (let i = 1; i <= this.n; i++) this.aborted.add(`paced${i}`);
  }

  generate(req: Omit<GenerateRequest, 'type' | 'requestId'>): { requestId: string; events: AsyncIterable<EngineEvent> } {
    const requestId = `paced${++this.n}`;
    this.requests.push({ ...req, tokens: [...req.tokens] });
    return { requestId, events: this.replay(requestId, req, this.script.shift() ?? []) };
  }

  private async *replay(requestId: string, req: Omit<GenerateRequest, 'type' | 'requestId'>, ids: number[]): AsyncGenerator<EngineEvent> {
    let reused = 0;
    while (reused < this.cache.length && reused < req.tokens.length - 1 && this.cache[reused] === req.tokens[reused]) reused++;
    const prefill = req.tokens.length - reused;
    this.cache = [...req.tokens];
    yield { type: 'prefill.done', requestId, tokens: prefill, ms: 1, reusedTokens: reused };
    const t0 = performance.now();
    const msPerToken = 1000 / this.tokensPerSecond;
    let batch: number[] = [];
    let sent = 0;
    let lastFlush = t0;
    const done = (reason: 'stop' | 'length' | 'abort', stopToken?: number): EngineEvent => {
      const stats = { prefillTokens: prefill, prefillMs: 1, decodeTokens: sent + batch.length, decodeMs: performance.now() - t0, reusedTokens: reused };
      return stopToken === undefined ? { type: 'done', requestId, reason, stats } : { type: 'done', requestId, reason, stopToken, stats };
    };
    const flush = (): EngineEvent => {
      const e: EngineEvent = { type: 'tokens', requestId, ids: batch, at: Date.now() };
      sent += batch.length;
      batch = [];
      lastFlush = performance.now();
      return e;
    };
    for (const id of ids) {
      const due = t0 + (sent + batch.length + 1) * msPerToken;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (this.aborted.has(requestId)) {
        if (batch.length > 0) yield flush();
        return yield done('abort');
      }
      batch.push(id);
      this.cache.push(id);
      const stop = req.stopTokens.includes(id);
      const length = sent + batch.length >= req.maxTokens;
      if (stop || length || batch.length >= BATCH_IDS || performance.now() - lastFlush >= BATCH_MS) yield flush();
      if (stop) return yield done('stop', id);
      if (length) return yield done('length');
    }
    if (batch.length > 0) yield flush();
    yield done('length');
  }
}
