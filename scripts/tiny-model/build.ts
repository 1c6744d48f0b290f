// Writes a transformers.js-layout model folder: config.json, generation_config.json and both twins
// (onnx/model.onnx fp32 for SwiftShader WebGPU, onnx/model_q4f16.onnx for Node CPU and real GPUs), each
// with its weights split over external data chunks declared in config.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GENERATION_CONFIG, hfConfig, type TinyConfig } from './config';
import { buildGraph, quantizeWeights, serializeModel, type Precision } from './graph';
import type { GptOssWeights } from './weights';

export const CHUNKS = 2;
export const VARIANTS: { file: string; precision: Precision }[] = [
  { file: 'model.onnx', precision: 'fp32' },
  { file: 'model_q4f16.onnx', precision: 'fp16' },
];

/** The folder's files in memory, by path relative to the model folder (e.g. `onnx/model.onnx_data_1`). */
export function buildModelFiles(c: TinyConfig, w: GptOssWeights, chunkCount = CHUNKS, variants = VARIANTS): Map<string, Uint8Array> {
  const q = quantizeWeights(c, w);
  const files = new Map<string, Uint8Array>();
  for (const v of variants) {
    const { model, dataFiles } = serializeModel(buildGraph(c, w, q, v.precision), v.file, chunkCount);
    files.set(`onnx/${v.file}`, model);
    for (const d of dataFiles) files.set(`onnx/${d.name}`, d.bytes);
  }
  const chunks = Object.fromEntries(variants.map((v) => [v.file, chunkCount]));
  files.set('config.json', Buffer.from(JSON.stringify(hfConfig(c, chunks), null, 2) + '\n'));
  files.set('generation_config.json', Buffer.from(JSON.stringify(GENERATION_CONFIG, null, 2) + '\n'));
  return files;
}

export function writeModelFiles(outDir: string, files: Map<string, Uint8Array>): { files: string[]; bytes: number } {
  const written: string[] = [];
  let bytes = 0;
  for (const [path, data] of files) {
    const full = join(outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    written.push(full);
    bytes += data.length;
  }
  return { files: written, bytes };
}

export function buildModelFolder(outDir: string, c: TinyConfig, w: GptOssWeights, chunkCount = CHUNKS, variants = VARIANTS): { files: string[]; bytes: number } {
  return writeModelFiles(outDir, buildModelFiles(c, w, chunkCount, variants));
}
