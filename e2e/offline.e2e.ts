// Installable and offline, on the engine harness (the chat UI's offline test is separate): the service worker
// precaches the app shell and ORT's JSPI wasm, caches a built-in model on first load (not precached), and
// after one online visit the page reloads and loads the model with the network off.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HarnessApi } from '../src/harness/main';
import { openApp, type E2eSession } from './browser';

const PROMPT = [200006, 1428, 200008, 13225, 11, 1495, 553, 481, 30, 200007, 200006, 173781];
let s: E2eSession;
type Win = { __overtoneHarness: HarnessApi };
const harness = <T>(fn: (h: HarnessApi, arg: never) => Promise<T>, arg?: unknown): Promise<T> =>
  s.page.evaluate(([f, a]) => (new Function('h', 'a', `return (${f})(h, a)`) as (h: HarnessApi, a: unknown) => Promise<T>)((window as unknown as Win).__overtoneHarness, a), [fn.toString(), arg] as const);
const ready = () => s.page.waitForFunction(() => '__overtoneHarness' in window);
const loadAndRun = async () => {
  await harness((h) => h.load('overtone-tiny-random', { device: 'wasm', dtype: 'fp32' }));
  return (await harness<{ ids: number[] }>((h, a: number[]) => h.generate(a, { maxTokens: 4 }), PROMPT)).ids;
};

beforeAll(async () => {
  s = await openApp('/harness.html');
  await ready();
});
afterAll(() => s?.close());

test('the service worker precaches the shell and the JSPI wasm, never a model', async () => {
  await s.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const precached = await s.page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) if (name.includes('precache')) for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
    return out;
  });
  expect(precached).toContain('/index.html');
  expect(precached.some((p) => /^\/assets\/ort-wasm-simd-threaded\.jspi-.*\.wasm$/.test(p))).toBe(true);
  expect(precached.filter((p) => p.includes('/models/'))).toEqual([]);
  const manifest = await (await fetch(`${s.url}/manifest.webmanifest`)).json();
  expect(manifest).toMatchObject({ name: 'Overtone', display: 'standalone' });
});

test('after one online visit with a model loaded, the page reloads and runs the model offline', async () => {
  await s.page.reload(); // now controlled by the service worker
  await ready();
  expect(await s.page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const online = await loadAndRun();
  const cached = await s.page.evaluate(async () => (await (await caches.open('overtone-builtin-models-v1')).keys()).map((r) => new URL(r.url).pathname));
  expect(cached).toContain('/models/overtone-tiny-random/onnx/model.onnx_data');

  await s.page.context().setOffline(true);
  try {
    await s.page.reload();
    await ready();
    expect(await loadAndRun()).toEqual(online);
  } finally {
    await s.page.context().setOffline(false);
  }
});
