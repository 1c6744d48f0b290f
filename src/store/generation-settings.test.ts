import { describe, expect, test } from 'vitest';
import { findModel } from '../models/manifest';
import { cappedModel, effectiveSampling, sanitizeSampling, validNumber } from './generation-settings';

const DEMO = findModel('overtone-tiny-demo')!;

describe('generation settings', () => {
  test("no overrides: the manifest's sampling with a fresh seed per turn", () => {
    let n = 0;
    const seed = () => ++n;
    expect(effectiveSampling(DEMO, {}, seed)).toEqual({ ...DEMO.sampling, seed: 1 });
    expect(effectiveSampling(DEMO, {}, seed).seed).toBe(2);
  });

  test('overrides win, a fixed seed repeats', () => {
    expect(effectiveSampling(DEMO, { temperature: 0, topP: 0.5, seed: 9 }, () => 1)).toEqual({ ...DEMO.sampling, temperature: 0, topP: 0.5, seed: 9 });
  });

  test('the cap lowers the context length, never raises it', () => {
    expect(cappedModel(DEMO, 1024).contextLength).toBe(1024);
    expect(cappedModel(DEMO, 1_000_000)).toBe(DEMO);
    expect(cappedModel(DEMO, null)).toBe(DEMO);
  });

  test('numbers are checked per field', () => {
    expect([validNumber('temperature', 0), validNumber('temperature', 2.5), validNumber('topP', 0), validNumber('seed', 1.5), validNumber('maxTokens', Number.NaN)]).toEqual([0, undefined, undefined, undefined, undefined]);
    expect(sanitizeSampling({ temperature: '1', topP: 1, extra: 3 })).toEqual({ topP: 1 });
    expect(sanitizeSampling(null)).toEqual({});
  });
});
