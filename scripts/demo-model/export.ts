// Export bridge: the trained demo weights (committed under artifacts/: 4-bit codes + fp16 scales for the
// linear layers, fp32 for the rest, written by train.py's save()) -> the project's tiny-model
// builder's TinyConfig + GptOssWeights with a sub-vocabulary: the graph maps the full 201,088-id vocabulary onto
// the trained rows plus one unknown row, and scatters the logits back; ids outside the vocabulary share a zero
// lm_head row with a -1e4 bias, so they carry no probability mass at any sampling.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TinyConfig } from '../tiny-model/config';
import { fromFp16Bits } from '../tiny-model/quant';
import type { GptOssWeights, LayerWeights } from '../tiny-model/weights';

export const DEMO_MODEL_ID = 'overtone-tiny-demo';
export const ARTIFACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
export const UNTRAINED_LOGIT_BIAS = -1e4;
const FULL_VOCAB = 201088;

interface TrainedIndex {
  config: { hidden: number; layers: number; heads: number; kv_heads: number; head_dim: number; experts: number; top_k: number; inter: number; window: number; max_pos: number; rope_theta: number; yarn_factor: number; beta_fast: number; beta_slow: number; orig_max: number; eps: number; limit: number; alpha: number; block: number };
  format: 'q4-f32';
  block: number;
  /** Byte offsets in weights.bin: f32 = little-endian float32; q4 = codes (value / scale + 8), two per byte, low
   * nibble first, row-major over [rows, last dim], then little-endian fp16 scales per block of the last dim. */
  tensors: Record<string, { shape: number[]; encoding: 'f32'; offset: number } | { shape: number[]; encoding: 'q4'; offset: number; scales: number }>;
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

function readArtifacts(dir: string): { index: TrainedIndex; blob: Buffer; vocab: number[] } {
  try {
    const index = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8')) as TrainedIndex;
    const vocab = JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as number[];
    return { index, blob: readFileSync(join(dir, 'weights.bin')), vocab };
  } catch (e) {
    throw new DemoExportError(`Demo model artefacts missing or unreadable in ${dir} (${(e as Error).message}); run scripts/demo-model/cpu-train.sh (the shipped model) or gpu-train.sh.`);
  }
}

export function loadDemoArtifacts(dir = ARTIFACTS_DIR): DemoArtifacts {
  const { index, blob, vocab } = readArtifacts(dir);
  if (index.format !== 'q4-f32') throw new DemoExportError(`Demo weights.json declares format ${String(index.format)}; this exporter reads q4-f32 (train.py's save()).`);
  if (vocab.some((id, i) => !Number.isInteger(id) || id < 0 || id >= FULL_VOCAB || (i > 0 && id <= vocab[i - 1]!))) throw new DemoExportError('Demo vocab.json must list sorted, unique token ids below 201,088.');
  const t = index.config;
  const config: TinyConfig = {
    vocabSize: FULL_VOCAB, hiddenSize: t.hidden, numLayers: t.layers, numHeads: t.heads, numKvHeads: t.kv_heads, headDim: t.head_dim,
    numExperts: t.experts, expertsPerToken: t.top_k, intermediateSize: t.inter, slidingWindow: t.window, maxPositions: t.max_pos,
    ropeTheta: t.rope_theta, yarn: { factor: t.yarn_factor, betaFast: t.beta_fast, betaSlow: t.beta_slow, originalMaxPositions: t.orig_max },
    rmsNormEps: t.eps, swigluLimit: t.limit, swigluAlpha: t.alpha, blockSize: t.block, lmHeadBias: true, subVocab: vocab,
  };
  const get = (name: string, size?: number): Float32Array => {
    const entry = index.tensors[name];
    if (!entry) throw new DemoExportError(`Demo weights lack tensor ${name}`);
    const n = entry.shape.reduce((a, b) => a * b, 1);
    if (size !== undefined && n !== size) throw new DemoExportError(`Tensor ${name} has ${n} values, expected ${size}`);
    const end = entry.encoding === 'f32' ? entry.offset + 4 * n : entry.scales + (2 * n) / index.block;
    if (end > blob.length) throw new DemoExportError(`Tensor ${name} runs past the end of weights.bin`);
    if (entry.encoding === 'f32') return new Float32Array(new Uint8Array(blob.subarray(entry.offset, end)).buffer);
    const k = entry.shape[entry.shape.length - 1]!;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const byte = blob[entry.offset + (i >> 1)]!;
      const code = (i & 1) === 0 ? byte & 15 : byte >> 4;
      const scaleAt = entry.scales + 2 * (Math.floor(i / k) * (k / index.block) + Math.floor((i % k) / index.block));
      out[i] = (code - 8) * fromFp16Bits(blob.readUInt16LE(scaleAt));
    }
    return out;
  };
  const H = config.hiddenSize, V = vocab.length;
  // The graph's last table row stands for every id outside the vocabulary: the trained unknown embedding in,
  // and out a zero lm_head row with a -1e4 bias, so those ids never carry probability mass.
  const withUnknownRow = (trained: Float32Array, cols: number, fillValue: number): Float32Array => {
    const rows = new Float32Array((V + 1) * cols).fill(fillValue);
    rows.set(trained);
    return rows;
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
    embed: get('embed', (V + 1) * H),
    layers,
    finalNorm: get('final_norm'),
    lmHead: withUnknownRow(get('lm_head', V * H), H, 0),
    lmHeadBias: withUnknownRow(get('lm_head_b', V), 1, UNTRAINED_LOGIT_BIAS),
  };
  const digest = createHash('sha256').update(blob).update(JSON.stringify(index)).update(JSON.stringify(vocab)).digest();
  return { config, weights, vocab, contentSeed: digest.readUInt32LE(0) };
}
