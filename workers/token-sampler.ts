// Picks the next token from a logits tensor where it lies (GPU buffer or CPU), through the helper graphs in
// helper-graphs.ts run as small ORT sessions on the model's device. Per token only the result crosses to
// the CPU: greedy 12 bytes per grid row (1.5 KB for gpt-oss), sampling k values + k ids + logZ (0.5 KB at
// k = 64). The full row is read back only in the exact fallback (see sampleCandidates), counted in stats.
import type { Sampling } from '../src/engine/protocol';
import { candidatesGraph, greedyGraph, gridRows, lastRowGraph } from './helper-graphs';
import { encodeModel, type OnnxType } from './onnx-writer';
import type { InferenceSession, OrtApi, Tensor } from './ort-runtime';
import { sampleCandidates, sampleRow, sampleTail, type Candidates, type Rng } from './sampling';

/** Candidates read back when top-k is off. At T <= 1 on a real vocabulary they usually hold > 99 % of the mass. */
export const DEFAULT_CANDIDATES = 64;

/** Time and bytes spent picking tokens, summed over a generation. */
export interface SamplerCounters {
  /** Helper-graph runs: on a GPU this includes waiting for the step's GPU work and the read-back. */
  runMs: number;
  /** JavaScript over the k candidates (and the full row in a fallback). */
  sampleMs: number;
  readbackBytes: number;
  /** Draws that needed the full row (exact fallback). */
  fallbacks: number;
}

export const newCounters = (): SamplerCounters => ({ runMs: 0, sampleMs: 0, readbackBytes: 0, fallbacks: 0 });

const bytesOf = (out: InferenceSession.ReturnType): number => Object.values(out).reduce((n, t) => n + (t as Tensor).size * (t.type === 'int64' ? 8 : 4), 0);

export class TokenSampler {
  private constructor(
    private readonly ort: OrtApi,
    private readonly greedySession: InferenceSession,
    private readonly candidatesSession: InferenceSession,
    private readonly rowSession: InferenceSession,
    private readonly rows: number,
    /** The most candidates one request can read back (the TopK stage-1 row length). */
    readonly maxCandidates: number,
  ) {}

  static async create(ort: OrtApi, options: InferenceSession.SessionOptions, vocab: number, logitsType: OnnxType): Promise<TokenSampler> {
    // One after another: ORT-web refuses to create two WebGPU sessions at once.
    const make = (g: Parameters<typeof encodeModel>[0]) => ort.InferenceSession.create(encodeModel(g), options);
    const greedy = await make(greedyGraph(vocab, logitsType));
    const cands = await make(candidatesGraph(vocab, logitsType));
    const row = await make(lastRowGraph(vocab, logitsType));
    const rows = gridRows(vocab);
    return new TokenSampler(ort, greedy, cands, row, rows, vocab / rows);
  }

  async release(): Promise<void> {
    for (const s of [this.greedySession, this.candidatesSession, this.rowSession]) await s.release();
  }

  private async run(session: InferenceSession, feeds: InferenceSession.FeedsType, counters: SamplerCounters): Promise<InferenceSession.ReturnType> {
    const t0 = performance.now();
    const out = await session.run(feeds);
    counters.runMs += performance.now() - t0;
    counters.readbackBytes += bytesOf(out);
    return out;
  }

  /** The next token for `sampling`, drawing from `rng` once unless greedy (temperature 0). */
  async next(logits: Tensor, sampling: Sampling, rng: Rng, counters: SamplerCounters): Promise<number> {
    if (sampling.temperature <= 0) return this.greedy(logits, counters);
    const r = rng();
    if (sampling.topK > this.maxCandidates) return this.fromRow(logits, (row) => sampleRow(row, sampling, r), counters);
    const c = await this.candidates(logits, sampling.topK > 0 ? sampling.topK : Math.min(DEFAULT_CANDIDATES, this.maxCandidates), sampling.temperature, counters);
    const t0 = performance.now();
    const token = sampleCandidates(c, sampling, r);
    counters.sampleMs += performance.now() - t0;
    if (token !== null) return token;
    const plain = sampling.topP <= 0 || sampling.topP >= 1;
    return this.fromRow(logits, (row) => (plain ? sampleTail(row, c, sampling.temperature, r) : sampleRow(row, sampling, r)), counters);
  }

  /** Greedy: the first id holding the largest logit (the same tie rule as a CPU argmax). */
  async greedy(logits: Tensor, counters: SamplerCounters): Promise<number> {
    const out = await this.run(this.greedySession, { logits }, counters);
    const t0 = performance.now();
    const max = out.row_max!.data as Float32Array;
    const arg = out.row_arg!.data as BigInt64Array;
    let best = 0;
    for (let r = 1; r < this.rows; r++) if (max[r]! > max[best]!) best = r;
    counters.sampleMs += performance.now() - t0;
    return best * this.maxCandidates + Number(arg[best]);
  }

  async candidates(logits: Tensor, k: number, temperature: number, counters: SamplerCounters): Promise<Candidates> {
    const out = await this.run(
      this.candidatesSession,
      { logits, k: new this.ort.Tensor('int64', BigInt64Array.of(BigInt(k)), [1]), inv_temperature: new this.ort.Tensor('float32', Float32Array.of(1 / temperature), [1]) },
      counters,
    );
    return { logits: out.values!.data as Float32Array, ids: Array.from(out.ids!.data as Float32Array), logZ: (out.log_z!.data as Float32Array)[0]! };
  }

  private async fromRow(logits: Tensor, draw: (row: Float32Array) => number, counters: SamplerCounters): Promise<number> {
    counters.fallbacks++;
    const out = await this.run(this.rowSession, { logits }, counters);
    const t0 = performance.now();
    const token = draw(out.row!.data as Float32Array);
    counters.sampleMs += performance.now() - t0;
    return token;
  }
}
