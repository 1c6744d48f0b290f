// Seeded PRNG for property and fuzz tests (mulberry32): the same seed gives the same cases everywhere.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

const PIECES = ['a', 'b', ' ', 'Hello', ' world', '2 + 2', '\n', '{"x": 1}', 'ü', '你好', '😊', '👨‍👩‍👧', '<|end|>', '\u0085', '\uFEFF', 'to=', '.', '"'];
export function randomText(rand: () => number, maxPieces = 8): string {
  let s = '';
  const n = 1 + Math.floor(rand() * maxPieces);
  for (let i = 0; i < n; i++) s += pick(rand, PIECES);
  return s;
}
