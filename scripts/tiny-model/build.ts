// Writes a transformers.js-layout model folder: config.json, generation_config.json and both twins
// (onnx/model.onnx fp32 for SwiftShader WebGPU, onnx/model_q4f16.onnx for Node CPU and real GPUs), each
// with its weights split over external data chunks declared in config.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATION_CONFIG, hfConfig, type TinyConfig } from './config';
import { buildGraph, quantizeWeights, serializeModel, type Precision } from './graph';
import type { GptOssWeights } from './weights';

export const CHUNKS = 2;
export const VARIANTS: { file: string; precision: Precision }[] = [
  { file: 'model.onnx', precision: 'fp32' },
  { file: 'model_q4f16.onnx', precision: 'fp16' },
];

export function buildModelFolder(outDir: string, c: TinyConfig, w: GptOssWeights, chunkCount = CHUNKS): { files: string[]; bytes: number } {
  const onnxDir = join(outDir, 'onnx');
  mkdirSync(onnxDir, { recursive: true });
  const q = quantizeWeights(c, w);
  const files: string[] = [];
  let bytes = 0;
  const write = (path: string, data: Uint8Array | string) => {
    writeFileSync(path, data);
    files.push(path);
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  };
  for (const v of VARIANTS) {
    const { model, dataFiles } = serializeModel(buildGraph(c, w, q, v.precision), v.file, chunkCount);
    write(join(onnxDir, v.file), model);
    for (const d of dataFiles) write(join(onnxDir, d.name), d.bytes);
  }
  const chunks = Object.fromEntries(VARIANTS.map((v) => [v.file, chunkCount]));
  write(join(outDir, 'config.json'), JSON.stringify(hfConfig(c, chunks), null, 2) + '\n');
  write(join(outDir, 'generation_config.json'), JSON.stringify(GENERATION_CONFIG, null, 2) + '\n');
  return { files, bytes };
}
