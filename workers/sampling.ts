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
  let probs = ids.map((i) => Math.exp((logits[i]! - max) / t));
  const z = probs.reduce((a, b) => a + b, 0);
  probs = probs.map((p) => p / z);
  if (s.topP > 0 && s.topP < 1) {
    let cum = 0;
    let keep = 0;
    while (keep < probs.length && cum < s.topP) cum += probs[keep++]!;
    ids = ids.slice(0, keep);
    probs = probs.slice(0, keep).map((p) => p / cum);
  }
  return { ids, probs };
}

export function sampleToken(logits: ArrayLike<number>, s: Sampling, rng: Rng): number {
  if (s.temperature <= 0) return argmax(logits);
  if (s.topK <= 0 && (s.topP <= 0 || s.topP >= 1)) return sampleFull(logits, s.temperature, rng);
  const { ids, probs } = candidates(logits, s);
  let r = rng();
  for (let i = 0; i < ids.length; i++) {
    r -= probs[i]!;
    if (r < 0) return ids[i]!;
  }
  return ids[ids.length - 1]!;
}

/** Plain temperature sampling over the whole vocabulary: two passes, no sort (gpt-oss's default: T=1, top_p=1). */
function sampleFull(logits: ArrayLike<number>, t: number, rng: Rng): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let z = 0;
  for (let i = 0; i < logits.length; i++) z += Math.exp((logits[i]! - max) / t);
  let r = rng() * z;
  for (let i = 0; i < logits.length; i++) {
    r -= Math.exp((logits[i]! - max) / t);
    if (r < 0) return i;
  }
  return argmax(logits);
}
