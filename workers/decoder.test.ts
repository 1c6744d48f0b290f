// What the decoder feeds the model session, checked against a recording stand-in for the session.
import ort from 'onnxruntime-node';
import { expect, test } from 'vitest';
import { Decoder } from './decoder';
import type { InferenceSession, Tensor } from './ort-runtime';

const PAST = ['past_key_values.0.key', 'past_key_values.0.value'];

function recordingSession(inputNames: string[]): { session: InferenceSession; feeds: Record<string, Tensor>[] } {
  const feeds: Record<string, Tensor>[] = [];
  const session = {
    inputNames,
    outputNames: ['logits', 'present.0.key', 'present.0.value'],
    async run(f: Record<string, Tensor>) {
      feeds.push(f);
      const kv = () => new ort.Tensor('float32', new Float32Array(0), [1, 2, 0, 4]);
      return { logits: new ort.Tensor('float32', new Float32Array(8), [1, 1, 8]), 'present.0.key': kv(), 'present.0.value': kv() };
    },
    async release() {},
  } as unknown as InferenceSession;
  return { session, feeds };
}

const shape = { vocab: 8, kvHeads: 2, headDim: 4, floatType: 'float32' } as const;

test('feeds ids, a mask of ones over past + new positions, and renames present to past', async () => {
  const { session, feeds } = recordingSession(['input_ids', 'attention_mask', ...PAST]);
  const d = await Decoder.create(ort, session, shape, { executionProviders: ['cpu'] });
  const out = await d.run([7, 8], d.emptyPast(), 3);
  const f = feeds[0]!;
  expect(Object.keys(f).sort()).toEqual(['attention_mask', 'input_ids', ...PAST].sort());
  expect(Array.from(f.input_ids!.data as BigInt64Array)).toEqual([7n, 8n]);
  expect(f.attention_mask!.dims).toEqual([1, 5]);
  expect(Array.from(f.attention_mask!.data as BigInt64Array)).toEqual([1n, 1n, 1n, 1n, 1n]);
  expect(Object.keys(out.present).sort()).toEqual([...PAST].sort());
  await d.release();
});

test('the mask is a view of one reused buffer, not a new full-length array per token', async () => {
  const { session, feeds } = recordingSession(['input_ids', 'attention_mask', ...PAST]);
  const d = await Decoder.create(ort, session, shape, { executionProviders: ['cpu'] });
  for (let t = 10; t < 14; t++) await d.run([1], d.emptyPast(), t);
  const buffers = new Set(feeds.map((f) => (f.attention_mask!.data as BigInt64Array).buffer));
  expect(buffers.size).toBe(1);
  expect(feeds.map((f) => f.attention_mask!.dims[1])).toEqual([11, 12, 13, 14]);
  await d.release();
});

test('exports that declare position_ids and num_logits_to_keep get them (positions after the past; only the last logits)', async () => {
  const { session, feeds } = recordingSession(['input_ids', 'attention_mask', 'position_ids', 'num_logits_to_keep', ...PAST]);
  const d = await Decoder.create(ort, session, shape, { executionProviders: ['cpu'] });
  await d.run([5, 6, 7], d.emptyPast(), 4);
  const f = feeds[0]!;
  expect(f.position_ids!.dims).toEqual([1, 3]);
  expect(Array.from(f.position_ids!.data as BigInt64Array)).toEqual([4n, 5n, 6n]);
  expect(f.num_logits_to_keep!.dims).toEqual([]);
  expect(Array.from(f.num_logits_to_keep!.data as BigInt64Array)).toEqual([1n]);
  await d.release();
});
