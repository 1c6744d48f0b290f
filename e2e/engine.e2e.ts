// The real worker + transformers.js + ORT-web in Chromium, loading the fp32 tiny gpt-oss twin from the
// built app: on the CPU (wasm) backend and on real WebGPU (SwiftShader), checked token for token against
// the Node CPU run of the same model (exactly on wasm; on WebGPU see docs/webgpu-qmoe-investigation.md).
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EngineEvent, ProbeResult } from '../src/engine/protocol';
import type { HarnessApi } from '../src/harness/main';
import { EngineCore } from '../workers/engine-core';
import { openApp, type E2eSession } from './browser';

const PROMPT = [200006, 1428, 200008, 13225, 11, 1495, 553, 481, 30, 200007, 200006, 173781];
const COUNT = 4;
let s: E2eSession;
let expected: number[] = [];

type Win = { __overtoneHarness: HarnessApi };
const harness = <T>(fn: (h: HarnessApi, arg: never) => Promise<T>, arg?: unknown): Promise<T> =>
  s.page.evaluate(([f, a]) => (new Function('h', 'a', `return (${f})(h, a)`) as (h: HarnessApi, a: unknown) => Promise<T>)((window as unknown as Win).__overtoneHarness, a), [fn.toString(), arg] as const);

async function nodeReference(): Promise<number[]> {
  const events: EngineEvent[] = [];
  const core = new EngineCore((e) => events.push(e));
  await core.load({ type: 'load', modelId: 'overtone-tiny-random', localModelPath: resolve('public/models') + '/', device: 'cpu', dtype: 'fp32' });
  await core.generate({ type: 'generate', requestId: 'ref', tokens: PROMPT, sampling: { temperature: 0, topP: 1, topK: 0, seed: 0 }, stopTokens: [], maxTokens: COUNT });
  await core.unload();
  return events.flatMap((e) => (e.type === 'tokens' ? e.ids : []));
}

beforeAll(async () => {
  expected = await nodeReference();
  s = await openApp('/harness.html');
  await s.page.waitForFunction(() => '__overtoneHarness' in window);
});
afterAll(() => s?.close());

test('the adapter is real WebGPU on SwiftShader, without shader-f16', async () => {
  const probe = await harness<ProbeResult>((h) => h.probe());
  expect(probe.webgpu).toBe(true);
  expect(JSON.stringify(probe.adapter).toLowerCase()).toContain('swiftshader');
  expect(probe.features).not.toContain('shader-f16');
});

test('browser CPU (wasm) backend: exactly the Node CPU tokens', async () => {
  expect(await harness((h) => h.load('overtone-tiny-random', { device: 'wasm', dtype: 'fp32' }))).toMatchObject({ backend: 'wasm' });
  const r = await harness<{ ids: number[] }>((h, a: number[]) => h.generate(a, { maxTokens: 4 }), PROMPT);
  expect(r.ids).toEqual(expected);
});

test('WebGPU (chosen from the manifest: fp32 twin, no shader-f16): real GPU path, streaming, GPU-resident KV reuse', async () => {
  expect(await harness((h) => h.load('overtone-tiny-random'))).toMatchObject({ backend: 'webgpu', dtype: 'fp32', ortBuild: 'jspi' });
  type Result = { ids: number[]; reason: string; stats: { reusedTokens: number; prefillTokens: number; decodeTokens: number } };
  const first = await harness<Result>((h, a: number[]) => h.generate(a, { maxTokens: 4 }), PROMPT);
  expect(first.reason).toBe('length');
  expect(first.ids).toHaveLength(COUNT);
  for (const id of first.ids) expect(id >= 0 && id < 201088).toBe(true);
  // The next turn extends the cached ids: only the suffix is prefilled, from the cache kept on the GPU.
  const next = [...PROMPT, ...first.ids, 200007, 200006, 173781];
  const second = await harness<Result>((h, a: number[]) => h.generate(a, { maxTokens: 2 }), next);
  expect(second.stats.reusedTokens).toBe(PROMPT.length + COUNT - 1);
  expect(second.stats.prefillTokens).toBe(next.length - second.stats.reusedTokens);
  // Exact parity with Node CPU is required on a real GPU (OVERTONE_STRICT_WEBGPU=1); on SwiftShader ORT's
  // WebGPU QMoE is intermittently wrong (docs/webgpu-qmoe-investigation.md), so it is measured and printed.
  const matches = first.ids.filter((id, i) => id === expected[i]).length;
  console.log(`WebGPU vs Node CPU greedy tokens: ${JSON.stringify(first.ids)} vs ${JSON.stringify(expected)} (${matches}/${COUNT} equal)`);
  if (process.env.OVERTONE_STRICT_WEBGPU === '1') expect(first.ids).toEqual(expected);
});

test('a failed load restarts the worker, and the next load works', async () => {
  const failure = await harness<unknown>((h) => h.load('no-such-model', { device: 'wasm', dtype: 'fp32' }).then(() => 'loaded', (e: { code?: string }) => e.code));
  expect(failure).toBe('download');
  expect(await harness<number>(async (h) => h.respawns())).toBe(1);
  expect(await harness((h) => h.load('overtone-tiny-random', { device: 'wasm', dtype: 'fp32' }))).toMatchObject({ backend: 'wasm' });
  const r = await harness<{ ids: number[] }>((h, a: number[]) => h.generate(a, { maxTokens: 4 }), PROMPT);
  expect(r.ids).toEqual(expected);
});

test('offline: nothing was fetched from anywhere but the app itself', () => {
  expect(s.requests.length).toBeGreaterThan(5);
  expect(s.requests.filter((u) => !u.startsWith(s.url))).toEqual([]);
  // Chromium has JSPI, so the worker runs ORT's JSPI build (src/engine/ort-web.ts): the app's own hashed asset.
  expect(s.requests.some((u) => /\/assets\/ort-wasm-simd-threaded\.jspi-[\w-]+\.wasm$/.test(u))).toBe(true);
  // Both external-data chunks of the fp32 twin came from the app (the worker fetches them as Blobs; the URL
  // carries the file's digest from the manifest, so a cache never serves an older build).
  for (const chunk of ['model.onnx_data', 'model.onnx_data_1']) expect(s.requests.some((u) => u.startsWith(`${s.url}/models/overtone-tiny-random/onnx/${chunk}?v=`))).toBe(true);
});
