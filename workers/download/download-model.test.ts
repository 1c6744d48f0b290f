import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { DownloadProgress } from '../../src/engine/protocol';
import { CacheStore } from '../storage/cache-store';
import { MemoryStore } from '../storage/memory-store';
import type { ModelStore } from '../storage/model-store';
import { OpfsStore } from '../storage/opfs-store';
import { FakeDirectoryHandle, fakeCache } from '../testing/fake-storage';
import { fakeFetch, type FakeFetchSwitches } from '../testing/fake-hub-fetch';
import { DownloadCancelled, DownloadControl } from './control';
import { downloadModel, type ModelDownload } from './download-model';
import { DownloadFailed } from './fetch-file';

const bytes = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * 31 + seed * 7) & 255);
const FILES: Record<string, Uint8Array> = { 'config.json': new TextEncoder().encode('{"model_type":"gpt_oss"}'), 'onnx/model.onnx': bytes(3000, 1), 'onnx/model.onnx_data': bytes(20_000, 2) };
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const HOST = 'http://hub.test/';
const job = (withSha = true): ModelDownload => ({
  key: 'org/model@rev1',
  modelId: 'org/model',
  dtype: 'fp32',
  appVersion: '0.1.0',
  source: { host: HOST, repo: 'org/model', revision: 'rev1' },
  files: Object.entries(FILES).map(([path, b]) => ({ path, url: `${HOST}org/model/resolve/main/${path}`, bytes: b.length, ...(withSha ? { sha256: hex(b) } : {}) })),
});
const fastRetry = { attempts: 4, baseMs: 1, maxMs: 4 };
const immediate = (fn: () => void) => setTimeout(fn, 0);

async function run(store: ModelStore, sw: FakeFetchSwitches = {}, opts: { control?: DownloadControl; onProgress?: (p: DownloadProgress) => void; d?: ModelDownload; fake?: ReturnType<typeof fakeFetch> } = {}) {
  const fake = opts.fake ?? fakeFetch(FILES, sw);
  const events: DownloadProgress[] = [];
  const control = opts.control ?? new DownloadControl(immediate);
  const out = downloadModel(opts.d ?? job(), { store, control, fetch: fake.fetch, retry: fastRetry, progressEveryMs: 0, onProgress: (p) => (events.push(p), opts.onProgress?.(p)) });
  return { out, fake, events, control };
}

async function expectFiles(blobs: Map<string, Blob>) {
  for (const [path, b] of Object.entries(FILES)) expect(new Uint8Array(await blobs.get(path)!.arrayBuffer())).toEqual(b);
}

describe('downloadModel', () => {
  test('downloads every file once, in order, with aggregate and per-file progress, and marks the model complete', async () => {
    const store = new OpfsStore(Promise.resolve(new FakeDirectoryHandle() as unknown as FileSystemDirectoryHandle));
    const { out, fake, events } = await run(store);
    await expectFiles(await out);
    expect(fake.requests.map((r) => [r.path, r.range, r.status])).toEqual(Object.keys(FILES).map((p) => [p, null, 200]));
    const last = events.at(-1)!;
    expect(last).toMatchObject({ state: 'done', percent: 100, storedBytes: 23_024, totalBytes: 23_024 });
    expect(last.files.map((f) => f.state)).toEqual(['done', 'done', 'done']);
    // Byte progress rises monotonically while the big file downloads.
    const big = events.filter((e) => e.file === 'onnx/model.onnx_data').map((e) => e.storedBytes);
    expect(big.length).toBeGreaterThan(10);
    expect([...big].sort((a, b) => a - b)).toEqual(big);
    expect((await store.readRecord('org/model@rev1'))?.complete).toBe(true);
  });

  test('a dropped connection resumes with Range from the last byte written', async () => {
    const { out, fake, events } = await run(new MemoryStore(), { dropAfter: { 'onnx/model.onnx_data': 12_544 } });
    await expectFiles(await out);
    const data = fake.requests.filter((r) => r.path === 'onnx/model.onnx_data');
    expect(data.map((r) => [r.range, r.status])).toEqual([[null, 200], ['bytes=12544-', 206]]);
    expect(events.some((e) => e.state === 'retrying' && /dropped at byte 12,544/.test(e.retry?.reason ?? ''))).toBe(true);
    expect(events.at(-1)!.resumed).toBe(1);
  });

  test('a server that ignores Range (200 instead of 206) restarts the file cleanly', async () => {
    const { out, fake, events } = await run(new MemoryStore(), { dropAfter: { 'onnx/model.onnx_data': 5000 }, ignoreRange: true });
    await expectFiles(await out);
    const data = fake.requests.filter((r) => r.path === 'onnx/model.onnx_data');
    expect(data.map((r) => [r.range, r.status])).toEqual([[null, 200], ['bytes=5000-', 200]]);
    expect(events.at(-1)!).toMatchObject({ rangeIgnored: 1, storedBytes: 23_024 });
  });

  test('a corrupt byte fails SHA-256, the file is discarded and fetched again; persistent corruption is an error and nothing is marked ready', async () => {
    const once = await run(new MemoryStore(), { corrupt: { 'onnx/model.onnx_data': { at: 777 } } });
    await expectFiles(await once.out);
    expect(once.fake.requests.filter((r) => r.path === 'onnx/model.onnx_data').map((r) => r.range)).toEqual([null, null]);
    expect(once.events.at(-1)!.corruptRefetched).toBe(1);

    const store = new MemoryStore();
    const always = await run(store, { corrupt: { 'onnx/model.onnx_data': { at: 777, times: 99 } } });
    await expect(always.out).rejects.toThrow(DownloadFailed);
    await expect(always.out).rejects.toThrow(/onnx\/model\.onnx_data failed verification 3 times \(SHA-256/);
  });

  test('without a known digest the size still catches a truncated or oversized body', async () => {
    const d = job(false);
    d.files[2]!.bytes = 19_000; // the manifest expects fewer bytes than the server sends
    const { out } = await run(new MemoryStore(), {}, { d });
    await expect(out).rejects.toThrow(/the server has 20,000 bytes, the manifest says 19,000/);
  });

  test('transient statuses are retried with backoff; a 404 fails at once naming the file', async () => {
    const { out, fake, events } = await run(new MemoryStore(), { failWith: { 'onnx/model.onnx': [503, 429] } });
    await expectFiles(await out);
    expect(fake.requests.filter((r) => r.path === 'onnx/model.onnx').map((r) => r.status)).toEqual([503, 429, 200]);
    expect(events.filter((e) => e.state === 'retrying').map((e) => e.retry!.inMs)).toEqual([1, 2]);

    const missing = fakeFetch({ ...FILES, 'onnx/model.onnx_data': undefined as unknown as Uint8Array });
    const r = await run(new MemoryStore(), {}, { fake: missing });
    await expect(r.out).rejects.toThrow(/onnx\/model\.onnx_data: HTTP 404/);
    expect(missing.requests.filter((q) => q.status === 404)).toHaveLength(1);
  });

  test('pause stops requests, resume continues from the stored byte', async () => {
    const control = new DownloadControl(immediate);
    let paused = false;
    const { out, fake, events } = await run(new MemoryStore(), {}, {
      control,
      onProgress: (p) => {
        if (!paused && p.file === 'onnx/model.onnx_data' && p.files[2]!.stored >= 4096) {
          paused = true;
          control.pause();
          setTimeout(() => {
            expect(fake.requests).toHaveLength(3); // nothing new while paused
            control.resume();
          }, 30);
        }
      },
    });
    await expectFiles(await out);
    expect(events.some((e) => e.state === 'paused')).toBe(true);
    const data = fake.requests.filter((r) => r.path === 'onnx/model.onnx_data');
    expect(data).toHaveLength(2);
    expect(Number(/bytes=(\d+)-/.exec(data[1]!.range!)![1])).toBeGreaterThanOrEqual(4096);
  });

  test('cancel rejects, keeps the partial bytes for later, and never marks the model complete', async () => {
    const dir = new FakeDirectoryHandle();
    const store = new OpfsStore(Promise.resolve(dir as unknown as FileSystemDirectoryHandle));
    const control = new DownloadControl(immediate);
    const { out } = await run(store, {}, { control, onProgress: (p) => p.files[2]!.stored >= 8192 && control.cancel() });
    await expect(out).rejects.toThrow(DownloadCancelled);
    const rec = await store.readRecord('org/model@rev1');
    expect(rec?.complete).toBe(false);
    expect(rec?.files['onnx/model.onnx_data']?.verified).toBe(false);
    expect(await store.storedBytes('org/model@rev1')).toBeGreaterThanOrEqual(3000 + 24 + 8192);
  });

  test('after a reload (a new store over the same OPFS) it resumes mid-file, re-hashes the stored prefix, and a complete model needs no request', async () => {
    const dir = new FakeDirectoryHandle();
    const opfs = () => new OpfsStore(Promise.resolve(dir as unknown as FileSystemDirectoryHandle));
    const control = new DownloadControl(immediate);
    const first = await run(opfs(), {}, { control, onProgress: (p) => p.files[2]!.stored >= 10_000 && control.cancel() });
    await expect(first.out).rejects.toThrow(DownloadCancelled);

    const second = await run(opfs());
    await expectFiles(await second.out);
    const data = second.fake.requests.filter((r) => r.path === 'onnx/model.onnx_data');
    expect(data).toHaveLength(1);
    expect(data[0]!.status).toBe(206);
    expect(Number(/bytes=(\d+)-/.exec(data[0]!.range!)![1])).toBeGreaterThanOrEqual(10_000);
    // The two files finished before the reload are not requested again.
    expect(second.fake.requests.map((r) => r.path)).toEqual(['onnx/model.onnx_data']);

    const third = await run(opfs());
    await expectFiles(await third.out);
    expect(third.fake.requests).toEqual([]);
  });

  test('a stored prefix that was corrupted on disk is caught by the re-hash and the file fetched again', async () => {
    const dir = new FakeDirectoryHandle();
    const store = new OpfsStore(Promise.resolve(dir as unknown as FileSystemDirectoryHandle));
    const control = new DownloadControl(immediate);
    const first = await run(store, {}, { control, onProgress: (p) => p.files[2]!.stored >= 6000 && control.cancel() });
    await expect(first.out).rejects.toThrow(DownloadCancelled);
    const stored = [...dir.entries_.values()][0] as FakeDirectoryHandle;
    const part = stored.bytesAt('onnx%2Fmodel%2Eonnx_data')!;
    part[100] = part[100]! ^ 1;
    const second = await run(new OpfsStore(Promise.resolve(dir as unknown as FileSystemDirectoryHandle)));
    await expectFiles(await second.out);
    expect(second.events.at(-1)!.corruptRefetched).toBe(1);
  });

  test('Cache Storage backend: segments survive a drop, a reload resumes from them', async () => {
    const cache = fakeCache();
    const store = () => new CacheStore(Promise.resolve(cache), 4096);
    const control = new DownloadControl(immediate);
    const first = await run(store(), { dropAfter: { 'onnx/model.onnx_data': 9000 } }, { control, onProgress: (p) => p.files[2]!.stored >= 15_000 && control.cancel() });
    await expect(first.out).rejects.toThrow(DownloadCancelled);
    expect(first.fake.requests.filter((r) => r.path === 'onnx/model.onnx_data').map((r) => r.range)).toEqual([null, 'bytes=9000-']);
    const second = await run(store());
    await expectFiles(await second.out);
    const resumedFrom = Number(/bytes=(\d+)-/.exec(second.fake.requests[0]!.range!)![1]);
    expect(resumedFrom).toBeGreaterThanOrEqual(15_000);
    expect((await store().readRecord('org/model@rev1'))?.complete).toBe(true);
  });
});
