// Export bridge: the trained demo weights (fp32, sub-vocabulary, committed under artifacts/) -> the project's
// tiny-model builder's TinyConfig + GptOssWeights over the full 201,088-id vocabulary. Ids the model never
// saw get a zero lm_head row and a -1e4 lm_head bias, so they carry no probability mass at any sampling.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TinyConfig } from '../tiny-model/config';
import type { GptOssWeights, LayerWeights } from '../tiny-model/weights';

export const DEMO_MODEL_ID = 'overtone-tiny-demo';
export const ARTIFACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
export const UNTRAINED_LOGIT_BIAS = -1e4;
const FULL_VOCAB = 201088;

interface TrainedIndex {
  config: { hidden: number; layers: number; heads: number; kv_heads: number; head_dim: number; experts: number; top_k: number; inter: number; window: number; max_pos: number; rope_theta: number; yarn_factor: number; beta_fast: number; beta_slow: number; orig_max: number; eps: number; limit: number; alpha: number; block: number };
  /** Raw little-endian float32 tensors in weights.f32.bin (linear weights already 4-bit quantised). */
  dtype: 'float32';
  tensors: Record<string, { offset: number; shape: number[] }>;
}

export class DemoExportError extends Error {
  override readonly name = 'DemoExportError';
}

export interface DemoArtifacts {
  config: TinyConfig;
  weights: GptOssWeights;
  vocab: number[];
  /** A number derived from the artefact bytes, for build stamps (changes whenever the weights change). */
  contentSeed: number;
}

export function loadDemoArtifacts(dir = ARTIFACTS_DIR): DemoArtifacts {
  let index: TrainedIndex, blob: Buffer, vocab: number[];
  try {
    index = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8')) as TrainedIndex;
    blob = readFileSync(join(dir, 'weights.f32.bin'));
    vocab = JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as number[];
  } catch (e) {
    throw new DemoExportError(`Demo model artefacts missing or unreadable in ${dir} (${(e as Error).message}); run scripts/demo-model/train.sh.`);
  }
  if (index.dtype !== 'float32') throw new DemoExportError(`Demo weights.json declares dtype ${String(index.dtype)}; this exporter reads float32 (retrain with train.sh).`);
  const t = index.config;
  const config: TinyConfig = {
    vocabSize: FULL_VOCAB, hiddenSize: t.hidden, numLayers: t.layers, numHeads: t.heads, numKvHeads: t.kv_heads, headDim: t.head_dim,
    numExperts: t.experts, expertsPerToken: t.top_k, intermediateSize: t.inter, slidingWindow: t.window, maxPositions: t.max_pos,
    ropeTheta: t.rope_theta, yarn: { factor: t.yarn_factor, betaFast: t.beta_fast, betaSlow: t.beta_slow, originalMaxPositions: t.orig_max },
    rmsNormEps: t.eps, swigluLimit: t.limit, swigluAlpha: t.alpha, blockSize: t.block, lmHeadBias: true,
  };
  const get = (name: string, size?: number): Float32Array => {
    const entry = index.tensors[name];
    if (!entry) throw new DemoExportError(`Demo weights lack tensor ${name}`);
    const n = entry.shape.reduce((a, b) => a * b, 1);
    if (size !== undefined && n !== size) throw new DemoExportError(`Tensor ${name} has ${n} values, expected ${size}`);
    if (entry.offset + 4 * n > blob.length) throw new DemoExportError(`Tensor ${name} runs past the end of weights.f32.bin`);
    const copy = new Uint8Array(blob.subarray(entry.offset, entry.offset + 4 * n));
    return new Float32Array(copy.buffer);
  };
  const H = config.hiddenSize, V = vocab.length;
  const widen = (sub: Float32Array, cols: number, fillValue: number): Float32Array => {
    const full = new Float32Array(FULL_VOCAB * cols).fill(fillValue);
    vocab.forEach((id, i) => full.set(sub.subarray(i * cols, (i + 1) * cols), id * cols));
    return full;
  };
  const layers: LayerWeights[] = Array.from({ length: config.numLayers }, (_, l) => {
    const p = `layers.${l}.`;
    return {
      attnNorm: get(p + 'attn_norm'), mlpNorm: get(p + 'mlp_norm'),
      q: get(p + 'q'), qBias: get(p + 'qb'), k: get(p + 'k'), kBias: get(p + 'kb'), v: get(p + 'v'), vBias: get(p + 'vb'),
      o: get(p + 'o'), oBias: get(p + 'ob'), sinks: get(p + 'sinks'),
      router: get(p + 'router'), routerBias: get(p + 'router_b'),
      gateUp: get(p + 'gate_up'), gateUpBias: get(p + 'gate_up_b'), down: get(p + 'down'), downBias: get(p + 'down_b'),
    };
  });
  const weights: GptOssWeights = {
    embed: widen(get('embed', V * H), H, 0),
    layers,
    finalNorm: get('final_norm'),
    lmHead: widen(get('lm_head', V * H), H, 0),
    lmHeadBias: widen(get('lm_head_b', V), 1, UNTRAINED_LOGIT_BIAS),
  };
  const digest = createHash('sha256').update(blob).update(JSON.stringify(index)).update(JSON.stringify(vocab)).digest();
  return { config, weights, vocab, contentSeed: digest.readUInt32LE(0) };
}
