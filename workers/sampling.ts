// Token sampling over one row of logits: greedy at temperature 0, else temperature + top-k + top-p (nucleus)
// with a seeded PRNG, so the same seed gives the same tokens. transformers.js ignores top_p and has no seed,
// which is why the engine samples itself.
import type { Sampling } from '../src/engine/protocol';

export type Rng = () => number;

/** mulberry32: small, fast, seedable. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

/** The top-p nucleus of probabilities sorted high to low: the shortest prefix reaching `topP`, renormalised. */
function nucleus(ids: number[], probs: number[], topP: number): { ids: number[]; probs: number[] } {
  if (!(topP > 0 && topP < 1)) return { ids, probs };
  let cum = 0;
  let keep = 0;
  while (keep < probs.length && cum < topP) cum += probs[keep++]!;
  return { ids: ids.slice(0, keep), probs: probs.slice(0, keep).map((p) => p / cum) };
}

/** The id where the uniform draw `r` falls among `probs` (rounding past the end keeps the last id). */
function pick(ids: number[], probs: number[], r: number): number {
  for (let i = 0; i < ids.length; i++) {
    r -= probs[i]!;
    if (r < 0) return ids[i]!;
  }
  return ids[ids.length - 1]!;
}

/** The candidates sampling may pick from, with their probabilities (sorted, most likely first). */
export function candidates(logits: ArrayLike<number>, s: Pick<Sampling, 'temperature' | 'topK' | 'topP'>): { ids: number[]; probs: number[] } {
  const t = s.temperature;
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  // Tokens more than 40 nats below the best have probability < 4e-18: skip them without sorting 201k ids.
  const floor = max - 40 * t;
  let ids: number[] = [];
  for (let i = 0; i < logits.length; i++) if (logits[i]! >= floor) ids.push(i);
  ids.sort((a, b) => logits[b]! - logits[a]! || a - b);
  if (s.topK > 0 && ids.length > s.topK) ids = ids.slice(0, s.topK);
  const weights = ids.map((i) => Math.exp((logits[i]! - max) / t));
  const z = weights.reduce((a, b) => a + b, 0);
  return nucleus(ids, weights.map((w) => w / z), s.topP);
}

export function sampleToken(logits: ArrayLike<number>, s: Sampling, rng: Rng): number {
  if (s.temperature <= 0) return argmax(logits);
  return sampleRow(logits, s, rng());
}

/** Exact sampling over a whole row with the uniform draw `r` (one draw per token, so seeds reproduce). */
export function sampleRow(logits: ArrayLike<number>, s: Sampling, r: number): number {
  if (s.topK <= 0 && (s.topP <= 0 || s.topP >= 1)) return sampleFull(logits, s.temperature, r);
  const { ids, probs } = candidates(logits, s);
  return pick(ids, probs, r);
}

/** Plain temperature sampling over the whole vocabulary: two passes, no sort (gpt-oss's default: T=1, top_p=1). */
function sampleFull(logits: ArrayLike<number>, t: number, r: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let z = 0;
  for (let i = 0; i < logits.length; i++) z += Math.exp((logits[i]! - max) / t);
  let left = r * z;
  for (let i = 0; i < logits.length; i++) {
    left -= Math.exp((logits[i]! - max) / t);
    if (left < 0) return i;
  }
  return argmax(logits);
}

/**
 * The top candidates of one logits row as the engine's candidates graph returns them: raw logits high to
 * low (ties: lower id first), their ids, and logZ = log Σ over the WHOLE vocabulary of exp((x - top) / T).
 */
export interface Candidates {
  logits: ArrayLike<number>;
  ids: readonly number[];
  logZ: number;
}

/** Each candidate's probability under the full softmax at temperature `t`. */
function fullProbabilities(c: Candidates, t: number): number[] {
  const top = c.logits[0]!;
  return Array.from(c.ids, (_, i) => Math.exp((c.logits[i]! - top) / t - c.logZ));
}

/**
 * Samples with the uniform draw `r` from the k candidates alone, or returns null when the exact result
 * needs a token outside them: a nucleus wider than the candidates, or (plain temperature) a draw landing
 * in the mass beyond them. With top-k on, the candidates are the whole top-k set, so it never returns null.
 * Same semantics as `sampleRow`: top-k, then top-p over the renormalised top-k probabilities.
 */
export function sampleCandidates(c: Candidates, s: Sampling, r: number): number | null {
  const ids = [...c.ids];
  const p = fullProbabilities(c, s.temperature);
  if (s.topK > 0) {
    const z = p.reduce((a, b) => a + b, 0);
    const n = nucleus(ids, p.map((x) => x / z), s.topP);
    return pick(n.ids, n.probs, r);
  }
  let cum = 0;
  if (s.topP > 0 && s.topP < 1) {
    for (let i = 0; i < p.length; i++) {
      cum += p[i]!;
      if (cum >= s.topP) return pick(ids.slice(0, i + 1), p.slice(0, i + 1).map((x) => x / cum), r);
    }
    return null;
  }
  for (let i = 0; i < p.length; i++) {
    cum += p[i]!;
    if (r < cum) return ids[i]!;
  }
  return null;
}

/**
 * Plain temperature sampling when the draw `r` fell beyond the candidates: walks the other ids in id order
 * with the same normaliser, so every token keeps its exact probability.
 */
export function sampleTail(row: ArrayLike<number>, c: Candidates, t: number, r: number): number {
  const top = c.logits[0]!;
  const taken = new Set(c.ids);
  let left = r - fullProbabilities(c, t).reduce((a, b) => a + b, 0);
  let last = c.ids[c.ids.length - 1]!;
  for (let i = 0; i < row.length; i++) {
    if (taken.has(i)) continue;
    last = i;
    left -= Math.exp((row[i]! - top) / t - c.logZ);
    if (left < 0) return i;
  }
  return last;
}
