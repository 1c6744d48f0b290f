// The ONNX twins on onnxruntime-node (CPU EP) agree with the independent TypeScript gpt-oss forward pass,
// on a prompt longer than the sliding window, in one shot and token by token through the KV cache.
import * as ort from 'onnxruntime-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildModelFolder } from './build';
import { TINY_RANDOM, type TinyConfig } from './config';
import { quantizeWeights } from './graph';
import { fromFp16Bits } from './quant';
import { referenceLogits } from './reference';
import { randomWeights } from './weights';

// 20 tokens: more than twice the sliding window (8), so sliding and full layers differ.
const ids = [200006, 1428, 200008, 13225, 11, 1495, 553, 481, 30, 200007, 200006, 173781, 200005, 17196, 200008, 40, 939, 8975, 13, 200002];
// The trained demo model's layout: a sub-vocabulary (here most of the prompt's ids plus a few others; 1495, 939
// and 13 fall outside it and read the "unknown" row) gathered in and scattered back out, with an lm_head bias.
const SUB: TinyConfig = { ...TINY_RANDOM, lmHeadBias: true, subVocab: [...new Set([...ids.filter((id) => ![1495, 939, 13].includes(id)), 5, 77, 200012])].sort((a, b) => a - b) };
const subRandom = randomWeights(SUB, 5);
const unknownRow = SUB.subVocab!.length;
subRandom.lmHead.fill(0, unknownRow * SUB.hiddenSize);
const subWeights = { ...subRandom, lmHeadBias: Float32Array.from({ length: unknownRow + 1 }, (_, i) => (i === unknownRow ? -1e4 : (i % 7) / 10)) };

const models = { 'full vocabulary': { c: TINY_RANDOM, w: randomWeights(TINY_RANDOM, 99) }, 'sub-vocabulary': { c: SUB, w: subWeights } };
const refs = { 'full vocabulary': referenceLogits(TINY_RANDOM, models['full vocabulary'].w, quantizeWeights(TINY_RANDOM, models['full vocabulary'].w), ids), 'sub-vocabulary': referenceLogits(SUB, subWeights, quantizeWeights(SUB, subWeights), ids) };
const dirs: Record<string, string> = {};
beforeAll(() => {
  for (const [name, m] of Object.entries(models)) {
    dirs[name] = mkdtempSync(join(tmpdir(), 'overtone-parity-'));
    buildModelFolder(dirs[name], m.c, m.w);
  }
});
afterAll(() => Object.values(dirs).forEach((d) => rmSync(d, { recursive: true, force: true })));

type Kv = Record<string, ort.Tensor>;
function emptyPast(c: TinyConfig, fp16: boolean): Kv {
  const past: Kv = {};
  for (let l = 0; l < c.numLayers; l++) {
    for (const kind of ['key', 'value']) {
      past[`past_key_values.${l}.${kind}`] = fp16
        ? new ort.Tensor('float16', new Uint16Array(0), [1, c.numKvHeads, 0, c.headDim])
        : new ort.Tensor('float32', new Float32Array(0), [1, c.numKvHeads, 0, c.headDim]);
    }
  }
  return past;
}

async function run(c: TinyConfig, s: ort.InferenceSession, chunk: number[], total: number, past: Kv) {
  const out = await s.run({
    input_ids: new ort.Tensor('int64', BigInt64Array.from(chunk.map(BigInt)), [1, chunk.length]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(total).fill(1n), [1, total]),
    ...past,
  });
  const next: Kv = {};
  for (let l = 0; l < c.numLayers; l++) {
    next[`past_key_values.${l}.key`] = out[`present.${l}.key`]!;
    next[`past_key_values.${l}.value`] = out[`present.${l}.value`]!;
  }
  return { logits: out.logits!, past: next };
}

function row(t: ort.Tensor, r: number): Float32Array {
  const V = TINY_RANDOM.vocabSize;
  if (t.type === 'float16') return Float32Array.from((t.data as Uint16Array).subarray(r * V, (r + 1) * V), fromFp16Bits);
  return (t.data as Float32Array).slice(r * V, (r + 1) * V);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const tolerance = { 'model.onnx': 1e-3, 'model_q4f16.onnx': 0.06 } as const;
const cases = Object.keys(models).flatMap((m) => (Object.keys(tolerance) as (keyof typeof tolerance)[]).map((f) => [m, f] as [keyof typeof models, keyof typeof tolerance]));

describe.each(cases)('%s, %s vs the TypeScript reference', (name, file) => {
  const { c, w } = models[name];
  const ref = refs[name];
  const fp16 = file.includes('f16');
  test('one shot: every position', async () => {
    const s = await ort.InferenceSession.create(join(dirs[name]!, 'onnx', file));
    const { logits } = await run(c, s, ids, ids.length, emptyPast(c, fp16));
    let worst = 0;
    ids.forEach((_, p) => (worst = Math.max(worst, maxAbsDiff(row(logits, p), ref[p]!))));
    expect(worst).toBeLessThan(tolerance[file]);
  });

  test('incremental: prefill 5, then one token at a time through present -> past', async () => {
    const s = await ort.InferenceSession.create(join(dirs[name]!, 'onnx', file));
    let { logits, past } = await run(c, s, ids.slice(0, 5), 5, emptyPast(c, fp16));
    let worst = maxAbsDiff(row(logits, 4), ref[4]!);
    for (let p = 5; p < ids.length; p++) {
      ({ logits, past } = await run(c, s, [ids[p]!], p + 1, past));
      worst = Math.max(worst, maxAbsDiff(row(logits, 0), ref[p]!));
    }
    expect(worst).toBeLessThan(tolerance[file]);
  });
});

test('sub-vocabulary: ids outside it share the last row (the -1e4 bias), ids inside keep their own logits', () => {
  const c = SUB;
  const last = refs['sub-vocabulary'][ids.length - 1]!;
  const inside = new Set(c.subVocab);
  const outside = [0, 1495, 201087].map((id) => last[id]!);
  expect(outside.every((v) => v === outside[0] && v < -9000)).toBe(true);
  expect(c.subVocab!.every((id) => last[id]! > -100)).toBe(true);
  expect(inside.has(1495)).toBe(false);
});

test('the reference is sensitive to the sliding window (a wrong window would be caught)', () => {
  const { c, w } = models['full vocabulary'];
  const q = quantizeWeights(c, w);
  const ref = refs['full vocabulary'];
  const wide = referenceLogits({ ...c, slidingWindow: 1000 }, w, q, ids, [ids.length - 1]);
  expect(maxAbsDiff(wide[ids.length - 1]!, ref[ids.length - 1]!)).toBeGreaterThan(1e-2);
});
