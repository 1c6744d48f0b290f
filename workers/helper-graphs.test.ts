// The helper graphs in ONNX Runtime (CPU EP; the same graphs run on the WebGPU EP) against plain
// JavaScript references, on the real vocabulary size with many exact ties. Greedy and candidates go
// through TokenSampler, the engine's caller of those graphs.
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cropGraph, cropOutput, gridRows, lastRowGraph } from './helper-graphs';
import { encodeModel, type OnnxGraph } from './onnx-writer';
import { createRng } from './sampling';
import { fp16Table } from './fp16';
import { newCounters, TokenSampler } from './token-sampler';

const VOCAB = 201088;
const SEQ = 3;

/** Logits on a 1/8 grid in [-8, 8): thousands of exact ties, also in fp16. */
function logits(seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: SEQ * VOCAB }, () => Math.floor(rng() * 128 - 64) / 8);
}

/** fp32 -> fp16 bits for values on the 1/8 grid (exact), via the inverse of the engine's fp16 table. */
function toFp16(x: Float32Array): Uint16Array {
  const table = fp16Table();
  const bits = new Map<number, number>();
  for (let h = 0; h < 0x7c00; h++) for (const s of [0, 0x8000]) if (!bits.has(table[h | s]!)) bits.set(table[h | s]!, h | s);
  return Uint16Array.from(x, (v) => bits.get(v)!);
}

const lastRow = (x: Float32Array) => x.subarray((SEQ - 1) * VOCAB);
const sortedIds = (row: Float32Array) => Array.from({ length: VOCAB }, (_, i) => i).sort((a, b) => row[b]! - row[a]! || a - b);

const sessions = new Map<string, ort.InferenceSession>();
const session = async (g: OnnxGraph) => {
  if (!sessions.has(g.name + g.inputs[0]!.type)) sessions.set(g.name + g.inputs[0]!.type, await ort.InferenceSession.create(encodeModel(g)));
  return sessions.get(g.name + g.inputs[0]!.type)!;
};
afterAll(async () => {
  for (const s of sessions.values()) await s.release();
});

test('the id grid: 128 rows for gpt-oss, fewer when the vocabulary is not divisible', () => {
  expect(gridRows(VOCAB)).toBe(128);
  expect(gridRows(1024)).toBe(128);
  expect(gridRows(96)).toBe(32);
  expect(gridRows(1001)).toBe(1);
});

describe.each(['float32', 'float16'] as const)('helper graphs on %s logits', (type) => {
  const data = logits(type === 'float32' ? 1 : 2);
  const row = lastRow(data);
  const order = sortedIds(row);
  let tensor: ort.Tensor;
  let sampler: TokenSampler;
  beforeAll(async () => {
    tensor = type === 'float32' ? new ort.Tensor('float32', data, [1, SEQ, VOCAB]) : new ort.Tensor('float16', toFp16(data), [1, SEQ, VOCAB]);
    sampler = await TokenSampler.create(ort, { executionProviders: ['cpu'] }, VOCAB, type);
  });
  afterAll(() => sampler.release());

  test('greedy: the first id holding the largest logit, 1.5 KB read back', async () => {
    // The test data must have the ties it claims to check: the max sits in many grid rows.
    const holders = order.filter((i) => row[i] === row[order[0]!]);
    expect(new Set(holders.map((i) => Math.floor(i / (VOCAB / 128)))).size).toBeGreaterThan(1);
    const counters = newCounters();
    expect(await sampler.greedy(tensor, counters)).toBe(order[0]);
    expect(counters.readbackBytes).toBe(128 * 12);
  });

  test.each([1, 5, 64, 300])('candidates: the top %i ids in order (ties to the lower id) and the full-vocabulary logZ', async (k) => {
    const t = 0.7;
    const c = await sampler.candidates(tensor, k, t, newCounters());
    expect(c.ids).toEqual(order.slice(0, k));
    expect(Array.from(c.logits)).toEqual(order.slice(0, k).map((i) => row[i]));
    let z = 0;
    for (let i = 0; i < VOCAB; i++) z += Math.exp((row[i]! - row[order[0]!]!) / t);
    expect(c.logZ).toBeCloseTo(Math.log(z), 4);
  });

  test('last row: the last position as float32', async () => {
    const out = await (await session(lastRowGraph(VOCAB, type))).run({ logits: tensor });
    expect(out.row!.dims).toEqual([1, 1, VOCAB]);
    expect((out.row!.data as Float32Array).every((v, i) => v === row[i])).toBe(true);
  });
});

test('crop: keeps the first positions of every past key/value', async () => {
  const names = ['past_key_values.0.key', 'past_key_values.0.value'];
  const [heads, seq, dim] = [2, 5, 3];
  const s = await ort.InferenceSession.create(encodeModel(cropGraph(names, 'float32', heads, dim)));
  const feeds: Record<string, ort.Tensor> = { keep: new ort.Tensor('int64', BigInt64Array.of(2n), [1]) };
  names.forEach((n, j) => (feeds[n] = new ort.Tensor('float32', Float32Array.from({ length: heads * seq * dim }, (_, i) => i + 1000 * j), [1, heads, seq, dim])));
  const out = await s.run(feeds);
  names.forEach((n, j) => {
    const kept = out[cropOutput(n)]!;
    expect(kept.dims).toEqual([1, heads, 2, dim]);
    const expected = [0, 1, 2, 3, 4, 5, 15, 16, 17, 18, 19, 20].map((i) => i + 1000 * j);
    expect(Array.from(kept.data as Float32Array)).toEqual(expected);
  });
  await s.release();
});
