// Names of a model's graph and external-data chunks, in transformers.js's scheme. The worker hands the
// chunks to ORT as Blobs (workers/model-source.ts): ORT-web's JSPI build mounts a Blob and streams each
// initializer's byte range through one scratch buffer straight to the GPU, so the whole model never sits in
// the worker's JS memory at once (ENGINE-NOTES §2.4, risk 1). The asyncify build reads a Blob whole.
import type { Dtype } from '../src/engine/protocol';

/** The graph file of a dtype (transformers.js: `model.onnx` for fp32, else `model_<dtype>.onnx`). */
export function graphFile(dtype: Dtype): string {
  return dtype === 'fp32' ? 'model.onnx' : `model_${dtype}.onnx`;
}

/** The chunk file names ORT expects for `model.onnx` split in `count` parts: model.onnx_data, model.onnx_data_1, ... */
export function chunkNames(onnxFile: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${onnxFile}_data${i === 0 ? '' : `_${i}`}`);
}

/** How many chunks config.json declares for this graph file (transformers.js_config.use_external_data_format). */
export function declaredChunks(config: unknown, onnxFile: string): number {
  const fmt = (config as { 'transformers.js_config'?: { use_external_data_format?: unknown } })['transformers.js_config']?.use_external_data_format;
  const v = typeof fmt === 'object' && fmt !== null ? (fmt as Record<string, unknown>)[onnxFile] : fmt;
  return v === true ? 1 : typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0;
}

/** The files transformers.js loads for a dtype, in load order: config, generation config, graph, chunks. */
export function modelFilePaths(config: unknown, dtype: Dtype): string[] {
  const graph = graphFile(dtype);
  return ['config.json', 'generation_config.json', `onnx/${graph}`, ...chunkNames(graph, declaredChunks(config, graph)).map((n) => `onnx/${n}`)];
}
