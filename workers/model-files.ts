// Where a model's files are and what its config says. In Node onnxruntime-node opens the graph by path and
// reads the external-data chunks beside it itself; in the browser every file arrives as a Blob first
// (workers/model-source.ts: the app's /models/, a verified hub download, or a picked folder), the graph is
// read into bytes and the chunks stay Blobs for ORT.
import type { Dtype, LoadRequest } from '../src/engine/protocol';
import { chunkNames, declaredChunks, graphFile } from './external-data';
import { StallSafeBlob, type StallSafeOptions } from './storage/stall-safe-blob';

/** An external-data chunk for ORT: its name as the graph refers to it, and its bytes as a Blob. */
export interface ExternalDataFile {
  path: string;
  data: Blob;
}

export interface ModelConfig {
  layers: number;
  kvHeads: number;
  headDim: number;
  vocab: number;
}

export interface ModelFiles {
  /** A filesystem path (Node) or the graph's bytes (browser). */
  graph: string | Uint8Array;
  externalData: ExternalDataFile[];
  config: ModelConfig;
}

export type FileProgress = (file: string, loaded: number, total: number) => void;

export function parseConfig(json: unknown): ModelConfig {
  const c = json as Record<string, unknown>;
  const num = (k: string): number => {
    const v = c[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new Error(`config.json: "${k}" is missing or not a positive integer (bad model)`);
    return v;
  };
  const headDim = typeof c.head_dim === 'number' ? num('head_dim') : num('hidden_size') / num('num_attention_heads');
  return { layers: num('num_hidden_layers'), kvHeads: num('num_key_value_heads'), headDim, vocab: num('vocab_size') };
}

// Variables, so that bundlers for the browser leave these Node-only imports alone.
const NODE_FS = 'node:fs/promises';
const NODE_PATH = 'node:path';

/** Node: the graph's path under `localModelPath`; every file's size is reported as progress once it is known to exist. */
export async function nodeModelFiles(req: LoadRequest, progress: FileProgress): Promise<ModelFiles> {
  if (req.localModelPath === undefined) throw new Error(`Could not locate ${req.modelId}: Node loads models from a local folder only (set localModelPath).`);
  const fs = (await import(/* @vite-ignore */ NODE_FS)) as typeof import('node:fs/promises');
  const { join } = (await import(/* @vite-ignore */ NODE_PATH)) as typeof import('node:path');
  const dir = join(req.localModelPath, req.modelId);
  const configText = await fs.readFile(join(dir, 'config.json'), 'utf8');
  const configJson: unknown = JSON.parse(configText);
  const graph = graphFile(req.dtype);
  const files = ['config.json', `onnx/${graph}`, ...chunkNames(graph, declaredChunks(configJson, graph)).map((c) => `onnx/${c}`)];
  const sizes = await Promise.all(files.map(async (f) => (await fs.stat(join(dir, f))).size));
  files.forEach((f, i) => progress(f, sizes[i]!, sizes[i]!));
  return { graph: join(dir, 'onnx', graph), externalData: [], config: parseConfig(configJson) };
}

/**
 * Browser: the model from its files as Blobs (keyed by hub path): the graph's bytes, the chunks as Blobs that
 * ORT reads tensor by tensor, through StallSafeBlob (a stalled read is retried, never a silent hang).
 */
export async function filesFromBlobs(dtype: Dtype, blobs: ReadonlyMap<string, Blob>, read: StallSafeOptions = {}): Promise<ModelFiles> {
  const file = (path: string): Blob => {
    const b = blobs.get(path);
    if (!b) throw new Error(`The model file ${path} is missing (bad model)`);
    return b;
  };
  const configJson: unknown = JSON.parse(await file('config.json').text());
  const graph = graphFile(dtype);
  const externalData = chunkNames(graph, declaredChunks(configJson, graph)).map((name) => ({ path: name, data: new StallSafeBlob(file(`onnx/${name}`), `onnx/${name}`, read) }));
  return { graph: new Uint8Array(await file(`onnx/${graph}`).arrayBuffer()), externalData, config: parseConfig(configJson) };
}
