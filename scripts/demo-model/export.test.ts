import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, test } from 'vitest';
import { SPECIAL } from '../../src/harmony/encoding';
import { buildModelFolder } from '../tiny-model/build';
import { generate } from './conversations';
import { promptIds } from './dataset';
import { UNTRAINED_LOGIT_BIAS, loadDemoArtifacts } from './export';

const a = loadDemoArtifacts();
const dir = mkdtempSync(join(tmpdir(), 'overtone-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo export bridge', () => {
  test('keeps the trained sub-vocabulary plus one unknown row, whose logit bias is -1e4', () => {
    const H = a.config.hiddenSize, V = a.vocab.length;
    expect(a.config.vocabSize).toBe(201088);
    expect(a.config.subVocab).toEqual(a.vocab);
    expect(a.vocab).toContain(SPECIAL.call);
    expect(a.weights.embed.length).toBe((V + 1) * H);
    expect(a.weights.lmHead.length).toBe((V + 1) * H);
    expect(a.weights.lmHeadBias![V]).toBe(UNTRAINED_LOGIT_BIAS);
    expect(a.weights.lmHead.subarray(V * H).every((v) => v === 0)).toBe(true);
    expect(a.weights.lmHeadBias!.subarray(0, V).every((v) => v > -100)).toBe(true);
    expect(a.weights.embed.subarray(10 * H, 11 * H).some((v) => v !== 0)).toBe(true);
  });

  test('the exported fp32 twin gives untrained ids no probability mass and starts a Harmony message', async () => {
    buildModelFolder(dir, a.config, a.weights);
    const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model.onnx'));
    const ids = promptIds(generate(1, 99)[0]!);
    const S = ids.length;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, S]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(S).fill(1n), [1, S]),
    };
    for (let l = 0; l < a.config.numLayers; l++) {
      for (const k of ['key', 'value']) feeds[`past_key_values.${l}.${k}`] = new ort.Tensor('float32', new Float32Array(0), [1, a.config.numKvHeads, 0, a.config.headDim]);
    }
    const logits = (await session.run(feeds)).logits!.data as Float32Array;
    const V = a.config.vocabSize;
    const last = logits.subarray((S - 1) * V, S * V);
    const trained = new Set(a.vocab);
    let best = 0, maxUntrained = -Infinity, maxTrained = -Infinity;
    last.forEach((v, id) => {
      if (v > last[best]!) best = id;
      if (trained.has(id)) maxTrained = Math.max(maxTrained, v);
      else maxUntrained = Math.max(maxUntrained, v);
    });
    // After `<|start|>assistant` the model must open a header with <|channel|>.
    expect(best).toBe(SPECIAL.channel);
    expect(maxTrained - maxUntrained).toBeGreaterThan(1000);
  });
});
