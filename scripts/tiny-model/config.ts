// Dimensions of a tiny gpt-oss. Field names follow the real gpt-oss config.json (ENGINE-NOTES §1.3); the
// numbers are scaled down except the vocabulary, which stays the full 201,088 so Harmony ids are valid.
export interface TinyConfig {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  numKvHeads: number;
  headDim: number;
  numExperts: number;
  expertsPerToken: number;
  intermediateSize: number;
  /** Keys a query sees in sliding layers, itself included (gpt-oss semantics). */
  slidingWindow: number;
  maxPositions: number;
  ropeTheta: number;
  yarn: { factor: number; betaFast: number; betaSlow: number; originalMaxPositions: number };
  rmsNormEps: number;
  swigluLimit: number;
  swigluAlpha: number;
  blockSize: number;
  /** Optional bias on lm_head (trained demo models push untrained ids far down). */
  lmHeadBias: boolean;
  /**
   * A trained sub-vocabulary (sorted full ids), or absent for full-vocabulary tables. With it the embedding and
   * lm_head hold subVocab.length + 1 rows, the last standing for every other id (a trained "unknown" embedding;
   * an lm_head row whose bias keeps those ids at zero probability), and one int32 map from full id to row
   * gathers the rows in and the logits back out to the full vocabulary (plain Gather: every backend has it).
   */
  subVocab?: readonly number[];
}

/** Rows of the embedding and lm_head tables. */
export function tableRows(c: TinyConfig): number {
  return c.subVocab ? c.subVocab.length + 1 : c.vocabSize;
}

/** Full id -> table row: its index in subVocab, or the last row for ids outside it. */
export function vocabRowMap(c: TinyConfig & { subVocab: readonly number[] }): Int32Array {
  const map = new Int32Array(c.vocabSize).fill(c.subVocab.length);
  c.subVocab.forEach((id, row) => (map[id] = row));
  return map;
}

export const TINY_RANDOM: TinyConfig = {
  vocabSize: 201088,
  hiddenSize: 64,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  headDim: 16,
  numExperts: 4,
  expertsPerToken: 2,
  intermediateSize: 64,
  slidingWindow: 8,
  maxPositions: 4096,
  ropeTheta: 150000,
  yarn: { factor: 32, betaFast: 32, betaSlow: 1, originalMaxPositions: 4096 },
  rmsNormEps: 1e-5,
  swigluLimit: 7.0,
  swigluAlpha: 1.702,
  blockSize: 32,
  lmHeadBias: false,
};

/** Even layers slide, odd layers attend to everything (gpt-oss's alternation). */
export function isSlidingLayer(layer: number): boolean {
  return layer % 2 === 0;
}

/** The transformers.js-layout config.json of a model folder, with gpt-oss's own field names. */
export function hfConfig(c: TinyConfig, chunks: Record<string, number>): Record<string, unknown> {
  return {
    architectures: ['GptOssForCausalLM'],
    model_type: 'gpt_oss',
    vocab_size: c.vocabSize,
    hidden_size: c.hiddenSize,
    num_hidden_layers: c.numLayers,
    num_attention_heads: c.numHeads,
    num_key_value_heads: c.numKvHeads,
    head_dim: c.headDim,
    num_local_experts: c.numExperts,
    num_experts_per_tok: c.expertsPerToken,
    experts_per_token: c.expertsPerToken,
    intermediate_size: c.intermediateSize,
    sliding_window: c.slidingWindow,
    layer_types: Array.from({ length: c.numLayers }, (_, i) => (isSlidingLayer(i) ? 'sliding_attention' : 'full_attention')),
    max_position_embeddings: c.maxPositions,
    initial_context_length: c.yarn.originalMaxPositions,
    rope_theta: c.ropeTheta,
    rope_scaling: {
      rope_type: 'yarn',
      factor: c.yarn.factor,
      beta_fast: c.yarn.betaFast,
      beta_slow: c.yarn.betaSlow,
      original_max_position_embeddings: c.yarn.originalMaxPositions,
      truncate: false,
    },
    rms_norm_eps: c.rmsNormEps,
    swiglu_limit: c.swigluLimit,
    attention_bias: true,
    tie_word_embeddings: false,
    hidden_act: 'silu',
    eos_token_id: 200002,
    pad_token_id: 199999,
    bos_token_id: 199998,
    'transformers.js_config': { use_external_data_format: chunks },
  };
}

export const GENERATION_CONFIG = {
  bos_token_id: 199998,
  do_sample: true,
  eos_token_id: [200002, 199999, 200012],
  pad_token_id: 199999,
};
