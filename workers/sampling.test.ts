import { describe, expect, test } from 'vitest';
import { argmax, candidates, createRng, sampleToken } from './sampling';

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
