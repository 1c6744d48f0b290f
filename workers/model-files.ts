// Where a model's files are and what its config says. In Node onnxruntime-node opens the graph by path and
// reads the external-data chunks beside it itself; in the browser the graph comes as bytes and the chunks
// as Blobs (workers/external-data.ts), from the app's /models/ or the Hugging Face hub (hub files are kept
// in transformers.js's Cache Storage, as before, so they are offline next time).
import { env } from '@huggingface/transformers';
import type { Dtype, LoadRequest } from '../src/engine/protocol';
import { chunkNames, declaredChunks, fetchChunksAsBlobs, type ExternalDataFile } from './external-data';

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

export const graphFile = (dtype: Dtype): string => (dtype === 'fp32' ? 'model.onnx' : `model_${dtype}.onnx`);

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

/** Browser: config.json, the graph's bytes and the external-data chunks as Blobs, one download at a time. */
export async function browserModelFiles(req: LoadRequest, progress: FileProgress, fetchImpl: typeof fetch = fetch): Promise<ModelFiles> {
  const base = req.localModelPath !== undefined ? `${req.localModelPath}${req.modelId}/` : `${env.remoteHost}${env.remotePathTemplate.replaceAll('{model}', req.modelId).replaceAll('{revision}', 'main')}`;
  // Hub downloads go to transformers.js's Cache Storage; the app's own built-in models are not cached there
  // (a rebuild keeps their URLs, so a cache would go stale).
  const cache = req.localModelPath === undefined && env.useBrowserCache ? await caches.open(env.cacheKey) : undefined;
  const [configBlob] = await fetchChunksAsBlobs(base, ['config.json'], progress, fetchImpl, cache);
  const configJson: unknown = JSON.parse(await configBlob!.data.text());
  const graph = graphFile(req.dtype);
  const [graphBlob, ...externalData] = await fetchChunksAsBlobs(`${base}onnx/`, [graph, ...chunkNames(graph, declaredChunks(configJson, graph))], progress, fetchImpl, cache);
  return { graph: new Uint8Array(await graphBlob!.data.arrayBuffer()), externalData, config: parseConfig(configJson) };
}
