import { expect, test } from 'vitest';
import { filesFromBlobs } from './model-files';
import { StallSafeBlob } from './storage/stall-safe-blob';

test('browser files: the graph as bytes, each declared chunk as a StallSafeBlob over its file (never the stored File itself)', async () => {
  const config = { num_hidden_layers: 2, num_key_value_heads: 1, head_dim: 8, vocab_size: 32, 'transformers.js_config': { use_external_data_format: { 'model.onnx': 2 } } };
  const chunk = (n: number, v: number) => new Blob([new Uint8Array(n).fill(v)]);
  const blobs = new Map<string, Blob>([
    ['config.json', new Blob([JSON.stringify(config)])],
    ['onnx/model.onnx', new Blob([new Uint8Array([1, 2, 3])])],
    ['onnx/model.onnx_data', chunk(10, 7)],
    ['onnx/model.onnx_data_1', chunk(5, 9)],
  ]);
  const files = await filesFromBlobs('fp32', blobs);
  expect(files.graph).toEqual(new Uint8Array([1, 2, 3]));
  expect(files.config).toEqual({ layers: 2, kvHeads: 1, headDim: 8, vocab: 32 });
  expect(files.externalData.map((f) => [f.path, f.data.size, f.data instanceof StallSafeBlob])).toEqual([['model.onnx_data', 10, true], ['model.onnx_data_1', 5, true]]);
  expect(new Uint8Array(await files.externalData[1]!.data.slice(1, 4).arrayBuffer())).toEqual(new Uint8Array([9, 9, 9]));
  await expect(filesFromBlobs('fp32', new Map([...blobs].filter(([p]) => p !== 'onnx/model.onnx_data_1')))).rejects.toThrow('The model file onnx/model.onnx_data_1 is missing (bad model)');
});
