import { describe, expect, test } from 'vitest';
import { checkFolder, folderError, modelFolderFiles } from './folder-check';

const file = (n: number, name = 'f') => new File([new Uint8Array(n)], name);
const expected = [
  { path: 'config.json', bytes: 10 },
  { path: 'onnx/model.onnx', bytes: 100 },
  { path: 'onnx/model.onnx_data', bytes: 1000 },
  { path: 'onnx/model.onnx_data_1', bytes: 500 },
];

describe('folder check', () => {
  test('finds the model folder inside what was picked (webkitdirectory paths carry the top folder)', () => {
    const { root, files } = modelFolderFiles([
      { path: 'gpt-oss/config.json', file: file(10) },
      { path: 'gpt-oss/onnx/model.onnx', file: file(100) },
      { path: 'gpt-oss/tokenizer/config.json', file: file(3) },
    ]);
    expect(root).toBe('gpt-oss');
    expect([...files.keys()].sort()).toEqual(['config.json', 'onnx/model.onnx', 'tokenizer/config.json']);
  });

  test('a complete folder passes; missing and wrong-sized files are each named', () => {
    const all = expected.map((e) => ({ path: `m/${e.path}`, file: file(e.bytes) }));
    expect(checkFolder(all, expected)).toMatchObject({ ok: true, missing: [], wrongSize: [] });
    const broken = all.filter((p) => !p.path.endsWith('_data_1')).map((p) => (p.path.endsWith('model.onnx_data') ? { ...p, file: file(999) } : p));
    const check = checkFolder(broken, expected);
    expect(check.ok).toBe(false);
    expect(check.missing).toEqual(['onnx/model.onnx_data_1']);
    expect(check.wrongSize).toEqual([{ path: 'onnx/model.onnx_data', expected: 1000, actual: 999 }]);
    const e = folderError(check);
    expect(e.code).toBe('incomplete-folder');
    expect(e.message).toBe('The picked folder (m) does not hold the whole model: missing onnx/model.onnx_data_1; onnx/model.onnx_data has 999 bytes instead of 1,000.');
  });

  test('without sizes only presence is checked', () => {
    const check = checkFolder([{ path: 'config.json', file: file(1) }], [{ path: 'config.json' }, { path: 'onnx/model.onnx' }]);
    expect(check.missing).toEqual(['onnx/model.onnx']);
  });
});
