// The fake hub over real HTTP, and the worker's download manager against it (Node's fetch, real sockets).
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DownloadControl } from '../workers/download/control';
import { downloadModel } from '../workers/download/download-model';
import { MemoryStore } from '../workers/storage/memory-store';
import { startFakeHub, type FakeHub } from './fake-hub';

const dir = mkdtempSync(join(tmpdir(), 'overtone-fake-hub-'));
const DATA = new Uint8Array(3 * 2 ** 20).map((_, i) => (i * 13 + (i >> 11)) & 255);
let hub: FakeHub;
/** Large arrays: toEqual compares element by element and takes many seconds. */
const same = (a: ArrayBuffer | Uint8Array, b: Uint8Array) => Buffer.from(a instanceof Uint8Array ? a : new Uint8Array(a)).equals(Buffer.from(b));
const url = (path: string) => `${hub.url}org/tiny/resolve/r1/${path}`;

beforeAll(async () => {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), '{"model_type":"gpt_oss"}');
  writeFileSync(join(dir, 'onnx', 'model.onnx_data'), DATA);
  hub = await startFakeHub({ 'org/tiny': dir });
});
afterAll(async () => {
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  hub.requests.length = 0;
  hub.switches.ignoreRange = false;
});

describe('fake hub', () => {
  test('serves the hub layout with Range, 404 for unknown files, and logs requests', async () => {
    expect(await (await fetch(url('config.json'))).text()).toBe('{"model_type":"gpt_oss"}');
    const part = await fetch(url('onnx/model.onnx_data'), { headers: { range: 'bytes=100-' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-${DATA.length - 1}/${DATA.length}`);
    expect(same(await part.arrayBuffer(), DATA.subarray(100))).toBe(true);
    expect((await fetch(url('nope.json'))).status).toBe(404);
    expect(hub.fileRequests().map((r) => [r.path, r.range, r.status])).toEqual([['config.json', null, 200], ['onnx/model.onnx_data', 'bytes=100-', 206], ['nope.json', null, 404]]);
  });

  test('switches: drop mid-file, ignore Range, corrupt a byte, fail with a status', async () => {
    hub.switches.dropAfter.set('onnx/model.onnx_data', 70_000);
    const dropped = await fetch(url('onnx/model.onnx_data'));
    await expect(dropped.arrayBuffer()).rejects.toThrow();
    expect(hub.requests.at(-1)!.sent).toBe(70_000);
    hub.switches.ignoreRange = true;
    expect((await fetch(url('onnx/model.onnx_data'), { headers: { range: 'bytes=5-' } })).status).toBe(200);
    hub.switches.ignoreRange = false;
    hub.switches.corrupt.set('onnx/model.onnx_data', { at: 123_456, times: 1 });
    const bad = new Uint8Array(await (await fetch(url('onnx/model.onnx_data'))).arrayBuffer());
    expect(bad[123_456]).toBe(DATA[123_456]! ^ 0xff);
    expect(bad.filter((b, i) => b !== DATA[i])).toHaveLength(1);
    hub.switches.failWith.set('config.json', [503]);
    expect((await fetch(url('config.json'))).status).toBe(503);
    expect((await fetch(url('config.json'))).status).toBe(200);
  });
});

describe('download manager over real HTTP', () => {
  const sha = createHash('sha256').update(DATA).digest('hex');
  const job = { key: 'org/tiny@r1', modelId: 'tiny', dtype: 'fp32', appVersion: 'test', source: { host: '', repo: 'org/tiny', revision: 'r1' } };

  test('a cut connection resumes from the exact byte; a corrupt byte is caught and the file fetched again', async () => {
    hub.switches.dropAfter.set('onnx/model.onnx_data', 1_000_000);
    hub.switches.corrupt.set('onnx/model.onnx_data', { at: 2_500_000, times: 1 });
    let written = NaN;
    const files = await downloadModel({ ...job, files: [{ path: 'onnx/model.onnx_data', url: url('onnx/model.onnx_data'), bytes: DATA.length, sha256: sha }] }, {
      store: new MemoryStore(), control: new DownloadControl(), fetch, retry: { attempts: 3, baseMs: 5, maxMs: 20 },
      onProgress: (p) => {
        const m = /dropped at byte ([\d,]+)/.exec(p.retry?.reason ?? '');
        if (m) written = Number(m[1]!.replace(/,/g, ''));
      },
    });
    expect(same(await files.get('onnx/model.onnx_data')!.arrayBuffer(), DATA)).toBe(true);
    // 1st: cut after 1,000,000 bytes sent; 2nd: resumed from the last byte written (what the client had read of
    // them), carrying the corrupt byte; 3rd: the whole file again.
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(1_000_000);
    expect(hub.fileRequests('onnx/model.onnx_data').map((r) => [r.range, r.status])).toEqual([[null, 200], [`bytes=${written}-`, 206], [null, 200]]);
  });
});
