// `tsx scripts/demo-model/crosscheck.ts LOGITS_JSON [ARTIFACTS_DIR]`: PyTorch logits (from crosscheck.py) vs the
// exported ONNX twins in public/models/overtone-tiny-demo on onnxruntime-node, on conversations longer than the
// sliding window (one with words outside the vocabulary); also checks that those ids get no probability mass.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { fp16ToFloat32 } from '../tiny-model/quant';
import { ARTIFACTS_DIR, DEMO_MODEL_ID, loadDemoArtifacts } from './export';

interface Dump { vocab: number[]; cases: { ids: number[]; first: number; logits: number[][] }[] }
const dump = JSON.parse(readFileSync(process.argv[2] ?? '/tmp/overtone-demo-logits.json', 'utf8')) as Dump;
const { config } = loadDemoArtifacts(process.argv[3] ?? ARTIFACTS_DIR);
const dir = resolve('public/models', DEMO_MODEL_ID, 'onnx');
const V = config.vocabSize;

for (const [file, fp16] of [['model.onnx', false], ['model_q4f16.onnx', true]] as const) {
  const session = await ort.InferenceSession.create(resolve(dir, file));
  let maxDiff = 0, sumDiff = 0, count = 0, argmaxAgree = 0, rows = 0, worstUntrainedMass = 0;
  for (const c of dump.cases) {
    const S = c.ids.length;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(c.ids, BigInt), [1, S]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(S).fill(1n), [1, S]),
    };
    for (let l = 0; l < config.numLayers; l++) {
      for (const kind of ['key', 'value']) {
        const dims = [1, config.numKvHeads, 0, config.headDim];
        feeds[`past_key_values.${l}.${kind}`] = fp16 ? new ort.Tensor('float16', new Uint16Array(0), dims) : new ort.Tensor('float32', new Float32Array(0), dims);
      }
    }
    const out = (await session.run(feeds)).logits!;
    const all = fp16 ? fp16ToFloat32(out.data as Uint16Array) : (out.data as Float32Array);
    c.logits.forEach((ref, r) => {
      const row = all.subarray((c.first + r) * V, (c.first + r + 1) * V);
      let best = 0, bestRef = 0;
      dump.vocab.forEach((id, i) => {
        const d = Math.abs(row[id]! - ref[i]!);
        maxDiff = Math.max(maxDiff, d);
        sumDiff += d;
        count++;
        if (row[id]! > row[dump.vocab[best]!]!) best = i;
        if (ref[i]! > ref[bestRef]!) bestRef = i;
      });
      if (best === bestRef) argmaxAgree++;
      // Probability mass (softmax at temperature 1) on ids the model never trained on.
      let m = -Infinity;
      for (const v of row) m = Math.max(m, v);
      let total = 0;
      for (const v of row) total += Math.exp(v - m);
      let trainedMass = 0;
      dump.vocab.forEach((id) => (trainedMass += Math.exp(row[id]! - m)));
      worstUntrainedMass = Math.max(worstUntrainedMass, 1 - trainedMass / total);
      rows++;
    });
  }
  console.log(`${file}: ${rows} positions in ${dump.cases.length} conversations: |logit diff| vs PyTorch max ${maxDiff.toExponential(3)} mean ${(sumDiff / count).toExponential(3)}, greedy argmax agrees ${argmaxAgree}/${rows}, worst untrained-id probability mass ${worstUntrainedMass.toExponential(2)}`);
}
