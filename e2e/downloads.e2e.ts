// The download manager, folder loads and preflight in the real worker (Chromium, OPFS), against the fake hub
// (scripts/fake-hub.ts: real HTTP, Range, and switches that cut, corrupt and throttle). The tiny random model
// runs on the wasm backend: these tests are about bytes on the wire and on disk, not about model output.
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { DownloadProgress, StoredModelInfo } from '../src/engine/protocol';
import type { HarnessApi } from '../src/harness/main';
import { findModel } from '../src/models/manifest';
import { startFakeHub, type FakeHub } from '../scripts/fake-hub';
import { openApp, type E2eSession } from './browser';

const MODEL_DIR = resolve('dist/models/overtone-tiny-random');
const REPO = 'test/tiny-random';
const REVISION = 'r1';
const KEY = `${REPO}@${REVISION}`;
const CHUNK = 'onnx/model.onnx_data';
const RUNTIME = { device: 'wasm', dtype: 'fp32' } as const;
const FILES = findModel('overtone-tiny-random')!.files.fp32!;
let s: E2eSession;
let hub: FakeHub;

type Win = { __overtoneHarness: HarnessApi };
const harness = <T>(fn: (h: HarnessApi, arg: never) => Promise<T> | T, arg?: unknown): Promise<T> =>
  s.page.evaluate(([f, a]) => (new Function('h', 'a', `return (${f})(h, a)`) as (h: HarnessApi, a: unknown) => Promise<T>)((window as unknown as Win).__overtoneHarness, a), [fn.toString(), arg] as const);
const hubArg = () => ({ host: hub.url, repo: REPO, revision: REVISION, files: FILES, runtime: RUNTIME });
const loadHub = () => harness<{ backend: string } | { code: string; message: string }>((h, a: ReturnType<typeof hubArg>) => h.loadHub('overtone-tiny-random', a, a.runtime).catch((e: { code: string; message: string }) => e), hubArg());
/** Starts a download without waiting for it (its outcome lands in window.__outcome). */
const startHub = () => harness((h, a: ReturnType<typeof hubArg>) => void h.loadHub('overtone-tiny-random', a, a.runtime).then((r) => ((window as unknown as { __outcome: unknown }).__outcome = r), (e) => ((window as unknown as { __outcome: unknown }).__outcome = e)), hubArg());
const outcome = () => s.page.waitForFunction(() => (window as unknown as { __outcome?: unknown }).__outcome).then((h) => h.jsonValue() as Promise<{ code?: string; backend?: string }>);
const stored = () => harness<{ models: StoredModelInfo[] }>((h) => h.listModels()).then((r) => r.models.find((m) => m.key === KEY));
const chunkRequests = () => hub.fileRequests(CHUNK).map((r) => ({ range: r.range, status: r.status, sent: r.sent }));
/** The byte the worker had written when the connection dropped (from its retry notice). */
function droppedAt(events: DownloadProgress[]): number {
  const reason = events.find((e) => e.state === 'retrying')?.retry?.reason ?? '';
  return Number(/dropped at byte ([\d,]+)/.exec(reason)?.[1]?.replace(/,/g, '') ?? NaN);
}
async function whenChunkSent(bytes: number) {
  for (let i = 0; i < 600 && !hub.fileRequests(CHUNK).some((r) => r.sent >= bytes); i++) await new Promise((r) => setTimeout(r, 50));
}

beforeAll(async () => {
  hub = await startFakeHub({ [REPO]: MODEL_DIR });
  // The fake hub is another origin, like the real one: the page's CSP names it as it names the manifest's hosts.
  s = await openApp('/harness.html', { connectSrc: [new URL(hub.url).origin] });
  await s.page.waitForFunction(() => '__overtoneHarness' in window);
});
afterAll(async () => {
  await s?.close();
  await hub?.close();
});
beforeEach(async () => {
  await harness((h, key: string) => h.deleteModel(key), KEY);
  hub.requests.length = 0;
  Object.assign(hub.switches, { ignoreRange: false, bytesPerSecond: 0 });
});

test('a connection cut mid-file resumes from the byte it stopped at; so does a page reload mid-download', async () => {
  hub.switches.dropAfter.set(CHUNK, 5_000_000);
  expect(await loadHub()).toMatchObject({ backend: 'wasm' });
  const events = await harness<DownloadProgress[]>((h) => h.downloads(true));
  // The worker resumes from the last byte it wrote: what it had read of the 5,000,000 bytes the server sent
  // before the cut (bytes still in the browser's network buffer are lost with the connection).
  const written = droppedAt(events);
  expect(written).toBeGreaterThan(0);
  expect(written).toBeLessThanOrEqual(5_000_000);
  expect(chunkRequests()).toEqual([
    { range: null, status: 200, sent: 5_000_000 },
    { range: `bytes=${written}-`, status: 206, sent: 51_740_672 - written },
  ]);
  expect(events.at(-1)).toMatchObject({ state: 'done', percent: 100, resumed: 1 });

  await harness((h, key: string) => h.deleteModel(key), KEY);
  hub.requests.length = 0;
  hub.switches.bytesPerSecond = 8e6;
  await startHub();
  await whenChunkSent(12e6);
  await s.page.reload();
  await s.page.waitForFunction(() => '__overtoneHarness' in window);
  hub.switches.bytesPerSecond = 0;
  expect(await loadHub()).toMatchObject({ backend: 'wasm' });
  const [cut, resumed] = chunkRequests();
  // What the server managed to send before the reload closed the connection bounds what can be on disk.
  const sentBeforeReload = cut!.sent;
  const from = Number(/^bytes=(\d+)-$/.exec(resumed!.range ?? '')?.[1]);
  console.log(`reload: ${sentBeforeReload} bytes sent before the reload, resumed from byte ${from}`);
  expect(resumed!.status).toBe(206);
  expect(from).toBeGreaterThan(8e6);
  expect(from).toBeLessThanOrEqual(sentBeforeReload);
  expect((await stored())?.complete).toBe(true);
});

test('a corrupt byte fails SHA-256: the file is discarded and fetched again, and the model loads', async () => {
  hub.switches.corrupt.set(CHUNK, { at: 12_345_678, times: 1 });
  expect(await loadHub()).toMatchObject({ backend: 'wasm' });
  expect(chunkRequests().map((r) => [r.range, r.status])).toEqual([[null, 200], [null, 200]]);
  expect((await harness<DownloadProgress[]>((h) => h.downloads(true))).at(-1)).toMatchObject({ state: 'done', corruptRefetched: 1 });
});

test('cancel stops the download and leaves nothing marked ready; a server ignoring Range restarts the file', async () => {
  hub.switches.bytesPerSecond = 8e6;
  await startHub();
  await whenChunkSent(6e6);
  await harness((h) => h.cancelDownload());
  expect(await outcome()).toMatchObject({ code: 'cancelled' });
  const partial = await stored();
  expect(partial?.complete).toBe(false);
  expect(partial?.files.find((f) => f.path === CHUNK)?.verified).toBe(false);
  expect(partial!.storedBytes).toBeGreaterThan(5e6);

  hub.switches.bytesPerSecond = 0;
  hub.switches.ignoreRange = true;
  hub.requests.length = 0;
  expect(await loadHub()).toMatchObject({ backend: 'wasm' });
  expect(chunkRequests()[0]).toMatchObject({ status: 200 });
  expect(chunkRequests()[0]!.range).toMatch(/^bytes=\d+-$/);
  expect((await harness<DownloadProgress[]>((h) => h.downloads(true))).at(-1)).toMatchObject({ rangeIgnored: 1, state: 'done' });
  expect((await stored())?.complete).toBe(true);
});

test('a picked folder loads with no network request; an incomplete one names what is missing', async () => {
  const before = s.requests.length;
  await s.page.setInputFiles('#folder', MODEL_DIR);
  expect(await harness((h, a: { files: typeof FILES; runtime: typeof RUNTIME }) => h.loadFolder('overtone-tiny-random', a.runtime, a.files), { files: FILES, runtime: RUNTIME })).toMatchObject({ backend: 'wasm' });
  // Nothing but ORT's own wasm (the worker may start a fresh runtime) left the page.
  expect(s.requests.slice(before).filter((u) => !u.includes('/assets/ort-wasm-'))).toEqual([]);
  expect(hub.fileRequests()).toEqual([]);

  const partial = mkdtempSync(join(tmpdir(), 'overtone-folder-'));
  try {
    mkdirSync(join(partial, 'model', 'onnx'), { recursive: true });
    for (const f of ['config.json', 'generation_config.json']) linkSync(join(MODEL_DIR, f), join(partial, 'model', f));
    for (const f of readdirSync(join(MODEL_DIR, 'onnx')).filter((n) => n !== 'model.onnx_data_1')) linkSync(join(MODEL_DIR, 'onnx', f), join(partial, 'model', 'onnx', f));
    await s.page.setInputFiles('#folder', join(partial, 'model'));
    const e = await harness<{ code: string; message: string }>((h, a: { files: typeof FILES; runtime: typeof RUNTIME }) => h.loadFolder('overtone-tiny-random', a.runtime, a.files).catch((x) => x), { files: FILES, runtime: RUNTIME });
    expect(e.code).toBe('incomplete-folder');
    expect(e.message).toContain('missing onnx/model.onnx_data_1');
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
});

test('gpt-oss-20b on SwiftShader: preflight stops at shader-f16 and nothing is requested from the model host', async () => {
  const before = s.requests.length;
  const r = await harness<{ errors: { code: string; fix: string }[]; loaded: unknown }>((h, host: string) => h.select('gpt-oss-20b', host), hub.url);
  // shader-f16 comes first; a small test profile's storage quota may fail as well.
  expect(r.errors[0]!.code).toBe('no-shader-f16');
  expect(r.errors[0]!.fix).toMatch(/shader-f16/);
  expect(r.loaded).toBeNull();
  expect(hub.fileRequests()).toEqual([]);
  expect(s.requests.slice(before).filter((u) => u.startsWith(hub.url) || u.includes('huggingface'))).toEqual([]);
});
