// What a model folder holds, per dtype: each file's path, size and SHA-256, and the largest single tensor
// (read from the ONNX graph). The app's manifest takes these numbers from generated files, never by hand.
import { createHash } from 'node:crypto';
import onnxProto from 'onnx-proto';
import type { Dtype, ModelFile } from '../src/engine/protocol';
import { graphFile, modelFilePaths } from '../workers/external-data';

export interface DtypeFiles {
  largestTensorBytes: number;
  files: ModelFile[];
}

/** Graph file name of each dtype, in transformers.js's naming (dtype suffix). */
export const GRAPH_FILES: Record<Dtype, string> = { fp32: graphFile('fp32'), q4f16: graphFile('q4f16') };

const ELEMENT_BYTES: Record<number, number> = { 1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 16: 2 };

/** The largest initializer of an ONNX graph in bytes, whether stored inline or in external data. */
export function largestInitializerBytes(onnx: Uint8Array): number {
  const model = onnxProto.onnx.ModelProto.decode(onnx);
  let largest = 0;
  for (const t of model.graph?.initializer ?? []) {
    const length = t.externalData?.find((e) => e.key === 'length')?.value;
    const count = (t.dims ?? []).reduce((a: number, d) => a * Number(d), 1);
    const bytes = length !== undefined && length !== null ? Number(length) : t.rawData?.length ? t.rawData.length : count * (ELEMENT_BYTES[t.dataType ?? 1] ?? 4);
    largest = Math.max(largest, bytes);
  }
  return largest;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Per dtype whose graph is present: the files transformers.js loads for it (config, generation config,
 * graph, external-data chunks declared in config.json), with sizes and digests. `read` returns a file's bytes
 * or undefined when it is absent.
 */
export function describeModel(read: (path: string) => Uint8Array | undefined): Partial<Record<Dtype, DtypeFiles>> {
  const configBytes = read('config.json');
  if (!configBytes) throw new Error('config.json is missing');
  const config: unknown = JSON.parse(Buffer.from(configBytes).toString('utf8'));
  const out: Partial<Record<Dtype, DtypeFiles>> = {};
  for (const [dtype, graph] of Object.entries(GRAPH_FILES) as [Dtype, string][]) {
    const graphBytes = read(`onnx/${graph}`);
    if (!graphBytes) continue;
    const paths = modelFilePaths(config, dtype);
    const files: ModelFile[] = [];
    for (const path of paths) {
      const data = path === 'config.json' ? configBytes : path === `onnx/${graph}` ? graphBytes : read(path);
      if (!data) {
        if (path === 'generation_config.json') continue; // optional for transformers.js
        throw new Error(`${path} is declared but missing`);
      }
      files.push({ path, bytes: data.length, sha256: sha256Hex(data) });
    }
    out[dtype] = { largestTensorBytes: largestInitializerBytes(graphBytes), files };
  }
  return out;
}
