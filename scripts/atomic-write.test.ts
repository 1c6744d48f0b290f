// installFolder under a forced interleaving: a second build runs to completion while the first is half-way
// through writing its folder (what two `build:models` runs at once do to each other).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { installFolder } from './atomic-write';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

const STAMP = 'stamp-v2';
const isCurrent = (d: string) => existsSync(join(d, 'stamp')) && readFileSync(join(d, 'stamp'), 'utf8') === STAMP;
function writeModel(dir: string, between?: () => void): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), 'graph');
  between?.();
  writeFileSync(join(dir, 'onnx', 'model.onnx_data'), 'weights');
  writeFileSync(join(dir, 'stamp'), STAMP);
}
const complete = (dir: string) => readFileSync(join(dir, 'onnx', 'model.onnx_data'), 'utf8') === 'weights' && isCurrent(dir);

test('a build that finishes while another is mid-write: both succeed, one complete folder, nothing left over', () => {
  root = mkdtempSync(join(tmpdir(), 'overtone-install-'));
  const dir = join(root, 'model');
  // An outdated folder from an older build is in place.
  mkdirSync(dir);
  writeFileSync(join(dir, 'stamp'), 'stamp-v1');
  let inner: string | undefined;
  let seenMidway: string[] = [];
  const outer = installFolder(dir, (tmp) =>
    writeModel(tmp, () => {
      inner = installFolder(dir, (tmp2) => writeModel(tmp2), isCurrent);
      seenMidway = readdirSync(dir);
    }), isCurrent);
  expect(inner).toBe('installed');
  expect(outer).toBe('kept-other');
  expect(seenMidway.sort()).toEqual(['onnx', 'stamp']);
  expect(complete(dir)).toBe(true);
  expect(readdirSync(root)).toEqual(['model']);
});

test('an outdated folder is replaced; a failed build leaves the old folder and no temporary copy', () => {
  root = mkdtempSync(join(tmpdir(), 'overtone-install-'));
  const dir = join(root, 'model');
  mkdirSync(dir);
  writeFileSync(join(dir, 'stamp'), 'stamp-v1');
  expect(() => installFolder(dir, (tmp) => (mkdirSync(tmp), writeFileSync(join(tmp, 'half'), 'x'), (() => { throw new Error('builder crashed'); })()), isCurrent)).toThrow('builder crashed');
  expect(readFileSync(join(dir, 'stamp'), 'utf8')).toBe('stamp-v1');
  expect(readdirSync(root)).toEqual(['model']);
  expect(installFolder(dir, (tmp) => writeModel(tmp), isCurrent)).toBe('installed');
  expect(complete(dir)).toBe(true);
  expect(readdirSync(root)).toEqual(['model']);
});
