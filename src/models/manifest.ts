// Models as data: what each model is, where its files live, which runtime it needs. The engine and the UI
// decide from this, never from model names.
import type { Backend, Dtype, Sampling } from '../engine/protocol';

export type ModelSource = { kind: 'builtin' } | { kind: 'hub'; repo: string; revision: string };

export interface ModelManifest {
  id: string;
  label: string;
  /** Plain words: what the model is and what it can do. */
  description: string;
  source: ModelSource;
  /** Dtypes published for the model, best first. */
  dtypes: Dtype[];
  /** WebGPU features a dtype needs (q4f16 computes in fp16: `shader-f16`). */
  requiredFeatures: Partial<Record<Dtype, string[]>>;
  /** Download size per dtype, bytes. */
  bytes: Partial<Record<Dtype, number>>;
  /** The largest single tensor (must fit one GPU buffer), bytes per dtype. */
  largestTensorBytes: Partial<Record<Dtype, number>>;
  /** Whether the CPU (wasm) backend is acceptable when WebGPU is missing. */
  allowWasm: boolean;
  contextLength: number;
  sampling: Sampling;
}

/** gpt-oss's recommended sampling: temperature 1, top_p 1. */
const GPT_OSS_SAMPLING: Sampling = { temperature: 1, topP: 1, topK: 0, seed: 0 };

export const MODELS: readonly ModelManifest[] = [
  {
    id: 'overtone-tiny-demo',
    label: 'Tiny gpt-oss demo (trained, 2 layers)',
    description:
      'Not gpt-oss-20b: a 2-layer gpt-oss trained by this project on synthetic Harmony conversations. It thinks on ' +
      'the analysis channel, calls a calculator (+, -, *) and a current-time tool, answers greetings and six short ' +
      'explanations, and knows nothing else. Held-out accuracy: docs/demo-model.md.',
    source: { kind: 'builtin' },
    dtypes: ['q4f16', 'fp32'],
    requiredFeatures: { q4f16: ['shader-f16'] },
    bytes: { fp32: 2_300_498, q4f16: 1_716_097 },
    largestTensorBytes: { fp32: 804_352, q4f16: 804_352 },
    allowWasm: true,
    contextLength: 4096,
    sampling: GPT_OSS_SAMPLING,
  },
  {
    id: 'overtone-tiny-random',
    label: 'Tiny gpt-oss (random weights)',
    description:
      'A 2-layer gpt-oss with random weights, built by this app: the real gpt-oss graph (MoE, attention sinks, ' +
      'sliding window, YaRN) at toy size. It runs anywhere and proves the engine works; its output is noise.',
    source: { kind: 'builtin' },
    dtypes: ['q4f16', 'fp32'],
    requiredFeatures: { q4f16: ['shader-f16'] },
    bytes: { fp32: 59_882_000, q4f16: 33_196_000 },
    largestTensorBytes: { fp32: 51_478_528, q4f16: 25_739_264 },
    allowWasm: true,
    contextLength: 4096,
    sampling: GPT_OSS_SAMPLING,
  },
  {
    id: 'gpt-oss-20b',
    label: 'gpt-oss-20b (q4f16, 12.6 GB)',
    description:
      "OpenAI's open-weight gpt-oss-20b (21B parameters, 3.6B active), 4-bit weights with fp16 activations. " +
      'Needs WebGPU with shader-f16 and a GPU with about 16 GB of memory; the first load downloads 12.6 GB.',
    source: { kind: 'hub', repo: 'onnx-community/gpt-oss-20b-ONNX', revision: 'main' },
    dtypes: ['q4f16'],
    requiredFeatures: { q4f16: ['shader-f16'] },
    bytes: { q4f16: 12_624_046_638 },
    largestTensorBytes: { q4f16: 1_158_266_880 },
    allowWasm: false,
    contextLength: 131_072,
    sampling: GPT_OSS_SAMPLING,
  },
];

export const DEFAULT_MODEL_ID = 'overtone-tiny-demo';

export function findModel(id: string): ModelManifest | undefined {
  return MODELS.find((m) => m.id === id);
}

export interface RuntimeChoice {
  device: Backend;
  dtype: Dtype;
}
