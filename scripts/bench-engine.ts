// `npm run bench:engine`: engine figures on Node CPU (onnxruntime-node), printed, no assertions.
// - the per-token decode breakdown (session run, sampler graphs / read-back, JS sampling, glue), beside the
//   previous engine's per-token path reproduced in the same process (before/after in one run);
// - decode tok/s of our engine beside plain transformers.js generate() on the same model, same run;
// - time to first token of a second turn after a ~2,000-token history: KV prefix reuse vs full re-prefill,
//   and the tokens re-prefilled when that turn is regenerated;
// - peak memory while loading the chunked model.
// `-- --node-webgpu`: the same on onnxruntime-node's WebGPU EP (a machine with a GPU; fails clearly without).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { AutoModelForCausalLM, env, Tensor, type PreTrainedModel } from '@huggingface/transformers';
import { EngineError, type EngineEvent, type GenerateRequest, type GenerationStats } from '../src/engine/protocol';
import { EngineCore } from '../workers/engine-core';
import { previousDecode, type PreviousBreakdown } from './previous-decode';
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

const perStep = (ms: number, steps: number) => `${(ms / steps).toFixed(3)} ms`;

/** Loads the model with plain transformers.js on `device` (the previous engine's path and generate()). */
async function transformersModel(device: 'cpu' | 'webgpu'): Promise<PreTrainedModel> {
  env.allowLocalModels = true;
  env.localModelPath = MODELS;
  return AutoModelForCausalLM.from_pretrained(MODEL, { dtype: DTYPE, device, local_files_only: true });
}

/** Decode ms per step of plain transformers.js generate() (its own loop), best of 3. */
async function generateMsPerStep(model: PreTrainedModel): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const input = new Tensor('int64', BigInt64Array.from(PROMPT, BigInt), [1, PROMPT.length]);
    const t0 = performance.now();
    await model.generate({ input_ids: input, max_new_tokens: 1, do_sample: false } as never);
    const t1 = performance.now();
    await model.generate({ input_ids: input, max_new_tokens: DECODE + 1, min_new_tokens: DECODE + 1, do_sample: false, eos_token_id: [] } as never);
    // Same prefill in both calls: the difference is DECODE decode steps.
    best = Math.min(best, (performance.now() - t1 - (t1 - t0)) / DECODE);
  }
  return best;
}

async function main(device: 'cpu' | 'webgpu'): Promise<void> {
  const where = device === 'cpu' ? 'Node CPU, onnxruntime-node' : 'Node, onnxruntime-node WebGPU EP (Dawn)';
  console.log(`Engine bench (${where}, ${MODEL} ${DTYPE}) — ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, node ${process.version}`);
  const events: EngineEvent[] = [];
  const core = new EngineCore((e) => events.push(e));
  let load: Awaited<ReturnType<typeof peakMemoryDuring>>;
  try {
    load = await peakMemoryDuring(() => core.load({ type: 'load', modelId: MODEL, localModelPath: MODELS, device, dtype: DTYPE }));
  } catch (e) {
    if (device === 'webgpu' && e instanceof EngineError && e.code === 'no-webgpu') {
      console.error(`--node-webgpu needs a GPU that onnxruntime-node's WebGPU EP (Dawn on Vulkan/Metal/D3D12) can open: ${e.message}\nFix: ${e.fix} On Linux that means a Vulkan driver (libvulkan1 and the GPU vendor's ICD).`);
      // Exit now: the failed WebGPU start leaves native threads that would keep Node waiting.
      process.exit(2);
    }
    throw e;
  }
  console.log(`load: peak RSS +${mb(load.peakRss - load.before)} (peak ArrayBuffers ${mb(load.peakArrayBuffers)}) for ${DTYPE} weights split in 2 chunks`);
  const done = () => {
    const d = events.find((e) => e.type === 'done');
    if (d?.type !== 'done') throw new Error('no done event');
    return d.stats;
  };

  // Per-token breakdown, before (the previous engine's path, reproduced) and after (this engine), best of 3 each.
  const model = await transformersModel(device);
  let before: PreviousBreakdown | null = null;
  let after: Required<GenerationStats> | null = null;
  for (let i = 0; i < 3; i++) {
    const b = await previousDecode(model, PROMPT, DECODE, GREEDY);
    if (!before || b.totalMs < before.totalMs) before = b;
    core.resetCache();
    events.length = 0;
    await core.generate(req(PROMPT, DECODE + 1));
    const a = done() as Required<GenerationStats>;
    if (!after || a.decodeMs < after.decodeMs) after = a;
  }
  const a = after!.breakdown;
  const b = before!;
  const same = JSON.stringify(events.flatMap((e) => (e.type === 'tokens' ? e.ids : []))) === JSON.stringify(b.ids);
  console.log(`per decode step, ${DECODE} steps, best of 3 (before = the previous engine's per-token path in this process):`);
  console.log(`  before: ${perStep(b.totalMs, b.steps)} = session run ${perStep(b.runMs, b.steps)} + transformers.js forward glue ${perStep(b.glueMs, b.steps)} + mask ${perStep(b.maskMs, b.steps)} + last row to Float32 in JS ${perStep(b.convertMs, b.steps)} + JS sampling over the vocabulary ${perStep(b.sampleMs, b.steps)} (read back ${(201088 * (DTYPE === 'fp32' ? 4 : 2) / 1024).toFixed(0)} KB/token)`);
  console.log(`  after:  ${perStep(after!.decodeMs, a.forwardSteps)} = session run ${perStep(a.modelRunMs, a.forwardSteps)} + sampler graphs ${perStep(a.samplerRunMs, a.forwardSteps)} + JS sampling over candidates ${perStep(a.sampleMs, a.forwardSteps)} + glue ${perStep(a.glueMs, a.forwardSteps)} (read back ${(a.readbackBytes / after!.decodeTokens).toFixed(0)} B/token)`);
  const outside = (x: number) => x / b.steps;
  console.log(`  ratio after/before: whole step ${(after!.decodeMs / a.forwardSteps / (b.totalMs / b.steps)).toFixed(3)}; everything but the model run ${((after!.decodeMs - a.modelRunMs) / a.forwardSteps / outside(b.totalMs - b.runMs)).toFixed(3)}; same greedy tokens: ${same}`);

  const theirs = await generateMsPerStep(model);
  await model.dispose();
  const ours = after!.decodeMs / a.forwardSteps;
  console.log(`decode: ours ${(1000 / ours).toFixed(1)} tok/s, transformers.js generate() ${(1000 / theirs).toFixed(1)} tok/s, ratio ${(theirs / ours).toFixed(3)}`);

  // Second turn after a ~2,000-token history, and regenerating the same turn (the KV cache is cropped in place).
  const history = Array.from({ length: 2000 }, (_, i) => PROMPT[i % PROMPT.length]!);
  const turn2 = [...history, 200007, 200006, 1428, 200008, 3575, 200007, 200006, 173781];
  const ttft = async (prepare: () => Promise<void>) => {
    core.resetCache();
    await prepare();
    events.length = 0;
    const t0 = performance.now();
    await core.generate(req(turn2, 1));
    const prefill = events.find((e) => e.type === 'prefill.done');
    return { ms: performance.now() - t0, reused: prefill?.type === 'prefill.done' ? prefill.reusedTokens : -1, prefilled: prefill?.type === 'prefill.done' ? prefill.tokens : -1 };
  };
  const reuse = await ttft(() => core.generate(req(history, 1)));
  const full = await ttft(async () => undefined);
  const regen = await ttft(() => core.generate(req(turn2, 16)));
  console.log(`second-turn TTFT after ${history.length} tokens: reuse ${reuse.ms.toFixed(0)} ms (${reuse.reused} tokens reused) vs full re-prefill ${full.ms.toFixed(0)} ms; ratio ${(reuse.ms / full.ms).toFixed(3)}`);
  console.log(`regenerate that turn (same ${turn2.length}-token prompt after a 16-token answer): ${regen.prefilled} token(s) re-prefilled, ${regen.reused} kept on the ${device === 'cpu' ? 'CPU' : 'GPU'}, TTFT ${regen.ms.toFixed(0)} ms vs ${full.ms.toFixed(0)} ms fresh`);
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
    const r = await call<{ stats: GenerationStats }>('generate', PROMPT, { maxTokens: steps + 1 });
    // decodeMs spans decodeTokens samplings but decodeTokens - 1 forward passes.
    const oursMs = r.stats.decodeMs / (r.stats.decodeTokens - 1);
    const b = r.stats.breakdown;
    if (b) console.log(`Chromium/SwiftShader WebGPU per decode step (worker): session run ${perStep(b.modelRunMs, b.forwardSteps)} + sampler graphs (GPU wait + read-back) ${perStep(b.samplerRunMs, b.forwardSteps)} + JS sampling ${perStep(b.sampleMs, b.forwardSteps)} + glue ${perStep(b.glueMs, b.forwardSteps)}; read back ${(b.readbackBytes / r.stats.decodeTokens).toFixed(0)} B/token`);
    const theirsMs = await call<number>('baselineDecodeMs', MODEL, 'webgpu', 'fp32', PROMPT, steps);
    console.log(`Chromium/SwiftShader WebGPU (fp32 twin, ${steps} decode steps): ours ${(1000 / oursMs).toFixed(3)} tok/s (worker), transformers.js generate() ${(1000 / theirsMs).toFixed(3)} tok/s (page); ratio ${(theirsMs / oursMs).toFixed(3)} (goal >= 0.97)`);
  });
}

// `-- --browser` adds the Chromium figures; `-- --browser-only` runs just those; `-- --node-webgpu` runs the
// Node figures on onnxruntime-node's WebGPU EP instead of its CPU EP (needs a GPU).
if (!process.argv.includes('--browser-only')) await main(process.argv.includes('--node-webgpu') ? 'webgpu' : 'cpu');
if (process.argv.includes('--browser') || process.argv.includes('--browser-only')) await browser();
