// `npm run bench:engine`: engine figures on Node CPU (onnxruntime-node), printed, no assertions.
// - decode tok/s of our engine beside plain transformers.js generate() on the same model, same run;
// - time to first token of a second turn after a ~2,000-token history: KV prefix reuse vs full re-prefill;
// - peak memory while loading the chunked model.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { AutoModelForCausalLM, Tensor } from '@huggingface/transformers';
import type { EngineEvent, GenerateRequest } from '../src/engine/protocol';
import { EngineCore } from '../workers/engine-core';
import { chromiumChildren, startPeakWatch } from './proc-memory';
import { buildModelFolder } from './tiny-model/build';
import { TINY_RANDOM, type TinyConfig } from './tiny-model/config';
import { randomWeights } from './tiny-model/weights';

const MODEL = 'overtone-tiny-random';
const MODELS = resolve('public/models') + '/';
const DTYPE: 'q4f16' | 'fp32' = process.argv.includes('fp32') ? 'fp32' : 'q4f16';
const GREEDY = { temperature: 0, topP: 1, topK: 0, seed: 0 };
const PROMPT = [200006, 1428, 200008, 13225, 11, 1495, 553, 481, 30, 200007, 200006, 173781];
const DECODE = 64;

function peakMemoryDuring<T>(fn: () => Promise<T>): Promise<{ value: T; peakRss: number; peakArrayBuffers: number; before: number }> {
  const before = process.memoryUsage().rss;
  let peakRss = before;
  let peakArrayBuffers = process.memoryUsage().arrayBuffers;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
  }, 5);
  return fn().then((value) => {
    clearInterval(timer);
    return { value, peakRss, peakArrayBuffers, before };
  });
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
let n = 0;

const MINI = 'overtone-bench-mini';

const WIDE = 'overtone-bench-wide';

/** Bench-only twins in dist/models: MINI has the random twin's architecture with a 1,024-id vocabulary
 * (~1 MB of weights); WIDE adds 10 layers of 64 experts (~100 MB in 6 chunks, the largest tensor still the
 * 49 MiB embedding), so load memory that follows the total differs from memory that follows one piece. */
function buildBenchTwins(): void {
  const build = (id: string, config: TinyConfig, chunks: number) => {
    const dir = resolve('dist/models', id);
    if (!existsSync(join(dir, 'config.json'))) buildModelFolder(dir, config, randomWeights(config, 7), chunks);
  };
  build(MINI, { ...TINY_RANDOM, vocabSize: 1024 }, 2);
  build(WIDE, { ...TINY_RANDOM, numLayers: 12, numExperts: 64, expertsPerToken: 4, intermediateSize: 512 }, 4);
}

/** Byte sizes of a built model's external-data chunks, as its config.json declares them. */
function externalDataChunks(model: string, file: string): number[] {
  const dir = existsSync(resolve(MODELS, model)) ? resolve(MODELS, model) : resolve('dist/models', model);
  const config = JSON.parse(readFileSync(resolve(dir, 'config.json'), 'utf8')) as { 'transformers.js_config': { use_external_data_format: Record<string, number> } };
  const count = config['transformers.js_config'].use_external_data_format[file] ?? 0;
  return Array.from({ length: count }, (_, i) => statSync(resolve(dir, 'onnx', `${file}_data${i ? `_${i}` : ''}`)).size);
}
const req = (tokens: number[], maxTokens: number): GenerateRequest => ({ type: 'generate', requestId: `b${n++}`, tokens, sampling: GREEDY, stopTokens: [], maxTokens });

async function main(): Promise<void> {
  console.log(`Engine bench (Node CPU, onnxruntime-node, ${MODEL} ${DTYPE}) — ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, node ${process.version}`);
  const events: EngineEvent[] = [];
  const core = new EngineCore((e) => events.push(e));
  const load = await peakMemoryDuring(() => core.load({ type: 'load', modelId: MODEL, localModelPath: MODELS, device: 'cpu', dtype: DTYPE }));
  console.log(`load: peak RSS +${mb(load.peakRss - load.before)} (peak ArrayBuffers ${mb(load.peakArrayBuffers)}) for ${DTYPE} weights split in 2 chunks`);

  // Decode speed: ours vs transformers.js generate(), best of 3 each, same process.
  let ours = Infinity;
  for (let i = 0; i < 3; i++) {
    core.resetCache();
    events.length = 0;
    await core.generate(req(PROMPT, DECODE));
    const done = events.find((e) => e.type === 'done');
    if (done?.type === 'done') ours = Math.min(ours, done.stats.decodeMs / (done.stats.decodeTokens - 1)); // decodeTokens - 1 forward passes
  }
  const model = await AutoModelForCausalLM.from_pretrained(MODEL, { dtype: DTYPE, device: 'cpu', local_files_only: true });
  let theirs = Infinity;
  for (let i = 0; i < 3; i++) {
    const input = new Tensor('int64', BigInt64Array.from(PROMPT, BigInt), [1, PROMPT.length]);
    const t0 = performance.now();
    await model.generate({ input_ids: input, max_new_tokens: 1, do_sample: false } as never);
    const t1 = performance.now();
    await model.generate({ input_ids: input, max_new_tokens: DECODE + 1, min_new_tokens: DECODE + 1, do_sample: false, eos_token_id: [] } as never);
    // Same prefill in both calls: the difference is DECODE decode steps.
    theirs = Math.min(theirs, (performance.now() - t1 - (t1 - t0)) / DECODE);
  }
  await model.dispose();
  console.log(`decode: ours ${(1000 / ours).toFixed(1)} tok/s, transformers.js generate() ${(1000 / theirs).toFixed(1)} tok/s, ratio ${(theirs / ours).toFixed(3)} (goal >= 0.97)`);

  // Second-turn TTFT after a ~2,000-token history.
  const history = Array.from({ length: 2000 }, (_, i) => PROMPT[i % PROMPT.length]!);
  const turn2 = [...history, 200007, 200006, 1428, 200008, 3575, 200007, 200006, 173781];
  const ttft = async (fresh: boolean) => {
    core.resetCache();
    await core.generate(req(history, 1));
    if (fresh) core.resetCache();
    events.length = 0;
    const t0 = performance.now();
    await core.generate(req(turn2, 1));
    const prefill = events.find((e) => e.type === 'prefill.done');
    return { ms: performance.now() - t0, reused: prefill?.type === 'prefill.done' ? prefill.reusedTokens : -1 };
  };
  const reuse = await ttft(false);
  const full = await ttft(true);
  console.log(`second-turn TTFT after ${history.length} tokens: reuse ${reuse.ms.toFixed(0)} ms (${reuse.reused} tokens reused) vs full re-prefill ${full.ms.toFixed(0)} ms; ratio ${(reuse.ms / full.ms).toFixed(3)} (goal <= 0.2)`);
  await core.unload();
}

type Call = <T>(fn: string, ...args: unknown[]) => Promise<T>;

/** Opens the harness page in a fresh Chromium and hands `body` a caller for window.__overtoneHarness. */
async function withHarness<T>(body: (call: Call, profile: string) => Promise<T>, query = ''): Promise<T> {
  const { openApp } = await import('../e2e/browser');
  const s = await openApp(`/harness.html${query}`);
  try {
    await s.page.waitForFunction(() => '__overtoneHarness' in window);
    const call: Call = <R>(fn: string, ...args: unknown[]) =>
      s.page.evaluate(([f, a]) => ((window as unknown as { __overtoneHarness: Record<string, (...x: unknown[]) => Promise<unknown>> }).__overtoneHarness[f as string]!(...(a as unknown[]))) as Promise<R>, [fn, args] as const);
    return await body(call, s.profile);
  } finally {
    await s.close();
  }
}

/**
 * Load memory, one fresh browser per model: a first load of the weightless MINI twin pays ORT's one-time
 * start (wasm compile, heap); the renderer's peak RSS growth during the second load is then what the
 * model's weights cost the page + worker process (JS, ArrayBuffers, Blobs, wasm heap).
 */
async function loadMemory(id: string, build: string): Promise<{ startup: number; peak: number; ortBuild: string }> {
  return withHarness(async (call, profile) => {
    const { renderers } = chromiumChildren(profile);
    const first = startPeakWatch(renderers);
    await call('load', MINI, { device: 'webgpu', dtype: 'fp32' });
    const startup = Math.max(...first.peakGrowthBytes().values());
    const watch = startPeakWatch(renderers);
    const { ortBuild } = await call<{ ortBuild: string }>('load', id, { device: 'webgpu', dtype: 'fp32' });
    return { startup, peak: Math.max(...watch.peakGrowthBytes().values()), ortBuild };
  }, build === 'asyncify' ? '?ort=asyncify' : '');
}

/** Chromium with WebGPU on SwiftShader: load memory; our worker vs plain transformers.js generate() on the page. */
async function browser(): Promise<void> {
  buildBenchTwins();
  console.log('Chromium WebGPU load in the worker, renderer (page + worker) peak RSS growth, fresh browser each:');
  for (const build of ['jspi', 'asyncify']) {
    for (const id of [MODEL, WIDE]) {
      const c = externalDataChunks(id, 'model.onnx');
      const { startup, peak, ortBuild } = await loadMemory(id, build);
      console.log(`  ORT ${ortBuild} build, ${id} fp32 (${c.length} chunks, ${mb(c.reduce((a, b) => a + b, 0))} in all, largest ${mb(Math.max(...c))}): +${mb(peak)} (ORT start before it: +${mb(startup)})`);
    }
  }
  const steps = 3;
  await withHarness(async (call) => {
    await call('load', MODEL, { device: 'webgpu', dtype: 'fp32' });
    await call('generate', PROMPT, { maxTokens: 1 }); // warm-up: shader compilation
    const r = await call<{ stats: { decodeMs: number; decodeTokens: number } }>('generate', PROMPT, { maxTokens: steps + 1 });
    // decodeMs spans decodeTokens samplings but decodeTokens - 1 forward passes.
    const oursMs = r.stats.decodeMs / (r.stats.decodeTokens - 1);
    const theirsMs = await call<number>('baselineDecodeMs', MODEL, 'webgpu', 'fp32', PROMPT, steps);
    console.log(`Chromium/SwiftShader WebGPU (fp32 twin, ${steps} decode steps): ours ${(1000 / oursMs).toFixed(3)} tok/s (worker), transformers.js generate() ${(1000 / theirsMs).toFixed(3)} tok/s (page); ratio ${(theirsMs / oursMs).toFixed(3)} (goal >= 0.97)`);
  });
}

// `-- --browser` adds the Chromium figures; `-- --browser-only` runs just those.
if (!process.argv.includes('--browser-only')) await main();
if (process.argv.includes('--browser') || process.argv.includes('--browser-only')) await browser();
