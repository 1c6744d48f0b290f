// Models as data: what each model is, where its files live, which runtime it needs. The engine and the UI
// decide from this, never from model names. File lists, sizes, digests and the largest tensor are never typed
// by hand: they come from generated files (builtin-files.json by `npm run build:models`, hub-files.json by
// scripts/hub-manifest.ts from a recorded hub listing).
import type { Backend, Dtype, ModelFile, Sampling } from '../engine/protocol';
import builtinFiles from './builtin-files.json';
import hubFiles from './hub-files.json';

/** `host`: the hub's base URL, ending with '/' (files are at `<host><repo>/resolve/<revision>/<path>`). */
export type ModelSource = { kind: 'builtin' } | { kind: 'hub'; host: string; repo: string; revision: string };

/** Hugging Face: the host every hub model of the manifest downloads from (src/security/csp.ts allows it). */
export const HUGGING_FACE = 'https://huggingface.co/';

/**
 * What goes into the prompt before the conversation, as the model was trained. A model trained on a fixed
 * prelude derails on anything else (the demo model: its date, exactly its two tools, no instructions).
 */
export interface PromptPrelude {
  /** The system message's "Current date": a fixed YYYY-MM-DD, or today's date. */
  conversationDate: { kind: 'fixed'; date: string } | { kind: 'today' };
  /** Function tools declared in the developer message: exactly these registry tools in this order, or the user's choice. */
  functionTools: { kind: 'fixed'; names: readonly string[] } | { kind: 'settings' };
  /** Whether the user's instructions go into the developer message. */
  instructions: boolean;
}

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
  /** The files the engine loads per dtype (config, generation config, graph, external-data chunks). */
  files: Partial<Record<Dtype, ModelFile[]>>;
  /** Download size per dtype, bytes (the sum of `files`). */
  bytes: Partial<Record<Dtype, number>>;
  /** The largest single tensor (must fit one GPU buffer), bytes per dtype. */
  largestTensorBytes: Partial<Record<Dtype, number>>;
  /** Whether the CPU (wasm) backend is acceptable when WebGPU is missing. */
  allowWasm: boolean;
  /** Loading needs JSPI (ORT streams weights from disk); without it the worker would hold the whole model in memory. */
  requiresJspi: boolean;
  contextLength: number;
  sampling: Sampling;
  prelude: PromptPrelude;
  /** Prompts the model is known to handle, offered as buttons on an empty chat. */
  examplePrompts?: readonly string[];
}

/** A general chat model: today's date, the user's tools and instructions. */
const USER_PRELUDE: PromptPrelude = { conversationDate: { kind: 'today' }, functionTools: { kind: 'settings' }, instructions: true };
interface DtypeFiles {
  largestTensorBytes: number;
  files: ModelFile[];
}
type FilesByDtype = Partial<Record<Dtype, DtypeFiles>>;

/** Above this download size a browser without JSPI (asyncify ORT reads whole Blobs) would run out of memory. */
export const JSPI_REQUIRED_ABOVE_BYTES = 2 * 2 ** 30;

/** gpt-oss's recommended sampling: temperature 1, top_p 1. */
const GPT_OSS_SAMPLING: Sampling = { temperature: 1, topP: 1, topK: 0, seed: 0 };
/** The demo model copies numbers it read; at temperature 1 it miscopies more often. Held-out, fully right turns
 *  (`npm run eval:demo -- --temperature=T`, 2026-11-30): greedy 88.7 %, T 0.3 88.4 %, T 1 83.2 % (exact arguments
 *  91.1 / 91.5 / 84.6 %). 0.3 keeps greedy's accuracy and still lets Regenerate give another wording. */
const DEMO_SAMPLING: Sampling = { temperature: 0.3, topP: 1, topK: 0, seed: 0 };

export function totalBytes(files: readonly ModelFile[]): number {
  return files.reduce((s, f) => s + f.bytes, 0);
}

type Described = Omit<ModelManifest, 'files' | 'bytes' | 'largestTensorBytes' | 'requiresJspi' | 'dtypes'>;

/** Fills files, sizes and the JSPI requirement from generated data; the dtypes are the described ones, in `order`. */
function withFiles(m: Described, described: FilesByDtype | undefined, order: Dtype[]): ModelManifest {
  if (!described) throw new Error(`No generated file list for model ${m.id}; run npm run build:models`);
  const dtypes = order.filter((d) => described[d]);
  const files: ModelManifest['files'] = {};
  const bytes: ModelManifest['bytes'] = {};
  const largestTensorBytes: ModelManifest['largestTensorBytes'] = {};
  for (const d of dtypes) {
    files[d] = described[d]!.files;
    bytes[d] = totalBytes(described[d]!.files);
    largestTensorBytes[d] = described[d]!.largestTensorBytes;
  }
  const requiresJspi = dtypes.some((d) => bytes[d]! > JSPI_REQUIRED_ABOVE_BYTES);
  return { ...m, dtypes, files, bytes, largestTensorBytes, requiresJspi };
}

const builtin = builtinFiles.models as Record<string, FilesByDtype>;
const hub = hubFiles.models as Record<string, { repo: string; revision: string; dtypes: FilesByDtype }>;
const gptOss20b = hub['gpt-oss-20b']!;
const gb = (files: readonly ModelFile[] | undefined) => `${(totalBytes(files ?? []) / 1e9).toFixed(1)} GB`;

export const MODELS: readonly ModelManifest[] = [
  withFiles(
    {
      id: 'overtone-tiny-demo',
      label: 'Tiny gpt-oss demo (trained, 4 layers)',
      description:
        'Not gpt-oss-20b: a 4-layer gpt-oss (2.0 M parameters) trained by this project on synthetic Harmony ' +
        'conversations. It thinks on the analysis channel, calls a calculator (+ - * /, parentheses, decimals) and a ' +
        'current-time tool (61 cities or a typed time zone), makes small talk, explains about thirty number and ' +
        'clock concepts and politely declines everything else. Held-out accuracy: docs/demo-model.md.',
      source: { kind: 'builtin' },
      requiredFeatures: { q4f16: ['shader-f16'] },
      allowWasm: true,
      contextLength: 4096,
      sampling: DEMO_SAMPLING,
      // scripts/demo-model/conversations.ts prelude(): the only system/developer messages it ever saw.
      prelude: {
        conversationDate: { kind: 'fixed', date: '2026-01-15' },
        functionTools: { kind: 'fixed', names: ['calculator', 'get_current_time'] },
        instructions: false,
      },
      examplePrompts: ['What is 17 * 23?', 'What time is it in Tokyo?', 'Hello!'],
    },
    builtin['overtone-tiny-demo'],
    ['q4f16', 'fp32'],
  ),
  withFiles(
    {
      id: 'overtone-tiny-random',
      label: 'Tiny gpt-oss (random weights)',
      description:
        'A 2-layer gpt-oss with random weights, built by this app: the real gpt-oss graph (MoE, attention sinks, ' +
        'sliding window, YaRN) at toy size. It runs anywhere and proves the engine works; its output is noise.',
      source: { kind: 'builtin' },
      requiredFeatures: { q4f16: ['shader-f16'] },
      allowWasm: true,
      contextLength: 4096,
      sampling: GPT_OSS_SAMPLING,
      prelude: USER_PRELUDE,
    },
    builtin['overtone-tiny-random'],
    ['q4f16', 'fp32'],
  ),
  withFiles(
    {
      id: 'gpt-oss-20b',
      label: `gpt-oss-20b (q4f16, ${gb(gptOss20b.dtypes.q4f16?.files)})`,
      description:
        "OpenAI's open-weight gpt-oss-20b (21B parameters, 3.6B active), 4-bit weights with fp16 activations. " +
        `Needs WebGPU with shader-f16 and a GPU with about 16 GB of memory; the first load downloads ${gb(gptOss20b.dtypes.q4f16?.files)}.`,
      source: { kind: 'hub', host: HUGGING_FACE, repo: gptOss20b.repo, revision: gptOss20b.revision },
      requiredFeatures: { q4f16: ['shader-f16'] },
      allowWasm: false,
      contextLength: 131_072,
      sampling: GPT_OSS_SAMPLING,
      prelude: USER_PRELUDE,
    },
    gptOss20b.dtypes,
    ['q4f16'],
  ),
];

export const DEFAULT_MODEL_ID = 'overtone-tiny-demo';

export function findModel(id: string): ModelManifest | undefined {
  return MODELS.find((m) => m.id === id);
}

export interface RuntimeChoice {
  device: Backend;
  dtype: Dtype;
}
