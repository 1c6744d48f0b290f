import { describe, expect, test } from 'vitest';
import type { Sampling } from '../src/engine/protocol';
import { argmax, candidates, createRng, sampleCandidates, sampleRow, sampleTail, sampleToken, type Candidates } from './sampling';

const logits = Float32Array.from([0, 3, 1, 2.5, -1]);

describe('sampling', () => {
  test('greedy at temperature 0', () => {
    expect(sampleToken(logits, { temperature: 0, topP: 1, topK: 0, seed: 1 }, createRng(1))).toBe(1);
    expect(argmax([1, 5, 5])).toBe(1);
  });
  test('top-k keeps the k best, top-p the smallest nucleus reaching p', () => {
    expect(candidates(logits, { temperature: 1, topK: 2, topP: 1 }).ids).toEqual([1, 3]);
    const p = candidates(logits, { temperature: 1, topK: 0, topP: 0.5 });
    expect(p.ids).toEqual([1]);
    expect(p.probs).toEqual([1]);
    expect(candidates(logits, { temperature: 1, topK: 0, topP: 0.8 }).ids).toEqual([1, 3]);
  });
  test('same seed, same draws; frequencies follow softmax', () => {
    const s = { temperature: 1, topP: 1, topK: 0, seed: 3 };
    const draw = (seed: number) => Array.from({ length: 50 }, ((rng) => () => sampleToken(logits, s, rng))(createRng(seed)));
    expect(draw(9)).toEqual(draw(9));
    const counts = new Array(5).fill(0);
    const rng = createRng(123);
    for (let i = 0; i < 20000; i++) counts[sampleToken(logits, s, rng)]++;
    const z = [...logits].reduce((a, v) => a + Math.exp(v), 0);
    [...logits].forEach((v, i) => expect(Math.abs(counts[i] / 20000 - Math.exp(v) / z)).toBeLessThan(0.015));
  });
  test('the sorted path (top-k) and the full path agree in distribution', () => {
    const rng = createRng(77);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 20000; i++) counts[sampleToken(logits, { temperature: 1, topP: 1, topK: 5, seed: 0 }, rng)]++;
    const z = [...logits].reduce((a, v) => a + Math.exp(v), 0);
    [...logits].forEach((v, i) => expect(Math.abs(counts[i] / 20000 - Math.exp(v) / z)).toBeLessThan(0.015));
  });
});

/** What the candidates graph returns for `row`: the top `k` (ties to the lower id) and the full logZ at T. */
function topCandidates(row: Float32Array, k: number, t: number): Candidates {
  const ids = Array.from(row, (_, i) => i).sort((a, b) => row[b]! - row[a]! || a - b).slice(0, k);
  let z = 0;
  for (const x of row) z += Math.exp((x - row[ids[0]!]!) / t);
  return { ids, logits: Float32Array.from(ids, (i) => row[i]!), logZ: Math.log(z) };
}

describe('sampling from read-back candidates', () => {
  const rng = createRng(5);
  const row = Float32Array.from({ length: 400 }, () => Math.floor(rng() * 48) / 8); // flat-ish, with ties
  const draws = Array.from({ length: 199 }, (_, i) => (i + 0.5) / 199);
  const s = (extra: Partial<Sampling>): Sampling => ({ temperature: 0.8, topP: 1, topK: 0, seed: 0, ...extra });

  test('top-k: the candidates are the whole set, so every draw matches the full-row sampler', () => {
    for (const topK of [1, 7, 40]) {
      for (const topP of [1, 0.5]) {
        const c = topCandidates(row, topK, 0.8);
        for (const r of draws) expect(sampleCandidates(c, s({ topK, topP }), r)).toBe(sampleRow(row, s({ topK, topP }), r));
      }
    }
  });

  test('top-p: the same nucleus as the full row while it fits in the candidates, else null (fall back)', () => {
    const c = topCandidates(row, 64, 0.8);
    let fits = 0;
    for (const topP of [0.05, 0.2, 0.5, 0.95]) {
      for (const r of draws) {
        const got = sampleCandidates(c, s({ topP }), r);
        if (got === null) continue;
        fits++;
        expect(got).toBe(sampleRow(row, s({ topP }), r));
      }
      // Wider nuclei than 64 of these 400 tokens hold must fall back.
      if (topP === 0.95) expect(sampleCandidates(c, s({ topP }), 0.5)).toBeNull();
    }
    expect(fits).toBeGreaterThan(draws.length);
  });

  test('plain temperature: candidates, then the tail in id order; every token keeps its softmax probability', () => {
    const t = 1.3;
    const small = Float32Array.from({ length: 12 }, (_, i) => [3, 1, 2.5, 0, -1, 2, 1, 0.5, -2, 3, 1.5, 0][i]!);
    const c = topCandidates(small, 4, t);
    const counts = new Array<number>(small.length).fill(0);
    const u = createRng(11);
    const n = 40000;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const r = u();
      const id = sampleCandidates(c, { temperature: t, topP: 1, topK: 0, seed: 0 }, r);
      if (id === null) tail++;
      counts[id ?? sampleTail(small, c, t, r)]!++;
    }
    const z = [...small].reduce((a, v) => a + Math.exp(v / t), 0);
    small.forEach((v, i) => expect(Math.abs(counts[i]! / n - Math.exp(v / t) / z)).toBeLessThan(0.01));
    // Draws went to the tail as often as the mass outside the four candidates (about a quarter here).
    const outside = 1 - c.ids.reduce((a, id) => a + Math.exp(small[id]! / t) / z, 0);
    expect(outside).toBeGreaterThan(0.2);
    expect(Math.abs(tail / n - outside)).toBeLessThan(0.01);
  });

  test('a draw that lands in the candidates never needs the row; one past them always does', () => {
    const c = topCandidates(row, 64, 1);
    const inside = Array.from(c.logits).reduce((a, x) => a + Math.exp(x - c.logits[0]! - c.logZ), 0);
    expect(sampleCandidates(c, s({ temperature: 1 }), inside * 0.999)).not.toBeNull();
    expect(sampleCandidates(c, s({ temperature: 1 }), Math.min(0.999999, inside * 1.001))).toBeNull();
  });
});

