import { describe, expect, test } from 'vitest';
import { chunkNames, declaredChunks, graphFile, modelFilePaths } from './external-data';

describe('model file names', () => {
  test('chunk names follow ORT / transformers.js', () => {
    expect(chunkNames('model_q4f16.onnx', 3)).toEqual(['model_q4f16.onnx_data', 'model_q4f16.onnx_data_1', 'model_q4f16.onnx_data_2']);
    expect(chunkNames('model.onnx', 0)).toEqual([]);
  });

  test('reads the chunk count from config.json, per graph or global', () => {
    const config = { 'transformers.js_config': { use_external_data_format: { 'model.onnx': 2, 'model_q4f16.onnx': 8 } } };
    expect(declaredChunks(config, 'model_q4f16.onnx')).toBe(8);
    expect(declaredChunks(config, 'model_q4.onnx')).toBe(0);
    expect(declaredChunks({ 'transformers.js_config': { use_external_data_format: true } }, 'model.onnx')).toBe(1);
    expect(declaredChunks({}, 'model.onnx')).toBe(0);
    expect(declaredChunks({ 'transformers.js_config': { use_external_data_format: { 'model.onnx': -1 } } }, 'model.onnx')).toBe(0);
  });

  test('the files of a dtype, in load order', () => {
    const config = { 'transformers.js_config': { use_external_data_format: { 'model_q4f16.onnx': 2 } } };
    expect(graphFile('fp32')).toBe('model.onnx');
    expect(modelFilePaths(config, 'q4f16')).toEqual(['config.json', 'generation_config.json', 'onnx/model_q4f16.onnx', 'onnx/model_q4f16.onnx_data', 'onnx/model_q4f16.onnx_data_1']);
    expect(modelFilePaths(config, 'fp32')).toEqual(['config.json', 'generation_config.json', 'onnx/model.onnx']);
  });
});
