// Seeded choices for the data generators, on the engine's PRNG (mulberry32) so data and sampling share one
// implementation.
import { createRng } from '../../workers/sampling';

export type Rand = () => number;
export const seeded = (seed: number): Rand => createRng(seed);
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const chance = (r: Rand, p: number): boolean => r() < p;

/** One key of `weights`, with probability proportional to its weight. */
export function weighted<K extends string>(r: Rand, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  let x = r() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) {
    if (x < w) return k;
    x -= w;
  }
  return entries[entries.length - 1]![0];
}

/** "HH:MM" on a 24-hour clock. */
export const clockTime = (r: Rand): string => `${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}`;
