// Two `build:models` runs at once (`npm start` beside `npm test`) must both succeed and leave valid folders.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import builtinFiles from '../src/models/builtin-files.json';
import { describeModel } from './model-files';

const out = mkdtempSync(join(tmpdir(), 'overtone-build-models-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-models.ts', '--out', out, '--check'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    p.stdout.on('data', (d) => (output += d));
    p.stderr.on('data', (d) => (output += d));
    p.on('close', (code) => resolve({ code, output }));
  });
}

test('two concurrent builds both succeed and leave complete, valid model folders', async () => {
  const [a, b] = await Promise.all([run(), run()]);
  expect(a.code, a.output).toBe(0);
  expect(b.code, b.output).toBe(0);
  const models = builtinFiles.models as Record<string, unknown>;
  // Only the finished folders remain: no temporary or outdated copies.
  expect(readdirSync(out).sort()).toEqual(Object.keys(models).sort());
  for (const id of Object.keys(models)) {
    const dir = join(out, id);
    expect(describeModel((p) => (existsSync(join(dir, p)) ? readFileSync(join(dir, p)) : undefined))).toEqual(models[id]);
  }
}, 180_000);
