// The GPU benchmark harness for issue 12, a drop-in for ../shared/gpu/src/harness.ts: same modes, arguments
// and output files, so ../shared/gpu/run.sh drives it unchanged (scripts/gpu/prepare.sh bundles it in the
// shared harness's place). It measures the engine as it is now: WebGPU straight through onnxruntime-node's
// EP (no navigator.gpu shim), the per-token breakdown from the engine's stats, and what the issue's goals
// need beyond the shared E4: decode after 4,000 tokens, 2,000-token prefill, regenerate re-prefill tokens,
// sampled decode, and plain transformers.js generate() on the same twin and GPU in the same process.
// Modes (argv[2]):
//   e1 <modelsDir> <out.json>                                       ORT sessions of the demo graphs on the EP
//   expect <modelsDir> <out.json>                                   CPU ids of the '17 * 23' flow (q4f16, fp32)
//   e2 <modelsDir> <dtype> <runs> <expect.json> <out.json> [tag]    GPU ids vs CPU ids, KV reuse, regenerate, seed
//   e3 <modelsDir> <out.json>                                       demo q4f16: engine vs transformers.js generate()
//   e4 <modelsDir> <modelId> <layers> <out.json>                    a gpt-oss-20b-width twin
//   summary <outDir> <out.json>                                     everything in one RESULTS.json, goals first
// Environment: OVERTONE_GPU_DEVICE (webgpu | cpu: the dry run), E4_UNDER_LOAD (set by run.sh),
// E4_EXTRAS_MIN_LAYERS (24: the goal measurements run on twins this deep), E4_PREFILL_CHUNK (engine default).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoModelForCausalLM, env, Tensor, type PreTrainedModel } from '@huggingface/transformers';
import { questionPrompt, STOPS, toolResultSuffix } from '../../e2e/demo-flow';
import type { EngineEvent, GenerationStats, Sampling } from '../../src/engine/protocol';
import { EngineCore } from '../../workers/engine-core';
import { loadNodeOrt } from '../../workers/ort-runtime';
import { createRng } from '../../workers/sampling';

const GREEDY: Sampling = { temperature: 0, topP: 1, topK: 0, seed: 0 };
const SAMPLED: Sampling = { temperature: 1, topP: 1, topK: 0, seed: 42 };
const DEMO = 'overtone-tiny-demo';
type Dtype = 'q4f16' | 'fp32';
type Device = 'webgpu' | 'cpu';
const GPU: Device = (process.env.OVERTONE_GPU_DEVICE as Device | undefined) ?? 'webgpu';
const EXTRAS_MIN_LAYERS = Number(process.env.E4_EXTRAS_MIN_LAYERS ?? 24);
const PREFILL_CHUNK = process.env.E4_PREFILL_CHUNK ? Number(process.env.E4_PREFILL_CHUNK) : undefined;

const write = (file: string, obj: unknown) => writeFileSync(file, JSON.stringify(obj, null, 1) + '\n');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
const firstDiv = (a: number[], b: number[]): number | null => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return null;
};
const dir = (d: string) => (d.endsWith('/') ? d : d + '/');

interface Gen {
  ids: number[];
  reason: string;
  stats: Required<GenerationStats>;
  ms: number;
}

/** Per decode step, from the engine's own breakdown. */
function perToken(s: Required<GenerationStats>): Record<string, number> {
  const b = s.breakdown;
  const n = Math.max(1, b.forwardSteps);
  return {
    msPerToken: r2(s.decodeMs / n),
    modelRunMs: r2(b.modelRunMs / n),
    samplerRunMs: r2(b.samplerRunMs / n),
    sampleMs: Math.round((b.sampleMs / n) * 1000) / 1000,
    glueMs: Math.round((b.glueMs / n) * 1000) / 1000,
    readbackBytesPerToken: Math.round(b.readbackBytes / Math.max(1, s.decodeTokens)),
    samplerFallbacks: b.samplerFallbacks,
  };
}

class Harness {
  events: EngineEvent[] = [];
  core: EngineCore;
  n = 0;

  constructor(prefillChunk?: number) {
    this.core = new EngineCore((e) => this.events.push(e), prefillChunk ? { prefillChunk } : {});
  }

  async load(modelsDir: string, modelId: string, device: Device, dtype: Dtype): Promise<number> {
    const t0 = performance.now();
    await this.core.load({ type: 'load', modelId, localModelPath: dir(modelsDir), device, dtype });
    return performance.now() - t0;
  }

  async gen(tokens: number[], maxTokens: number, stops: number[] = STOPS, sampling = GREEDY): Promise<Gen> {
    this.events = [];
    const t0 = performance.now();
    await this.core.generate({ type: 'generate', requestId: `r${this.n++}`, tokens, sampling, stopTokens: stops, maxTokens });
    const ms = performance.now() - t0;
    const done = this.events.find((e) => e.type === 'done');
    if (done?.type !== 'done') throw new Error('generation ended without done');
    return { ids: this.events.flatMap((e) => (e.type === 'tokens' ? e.ids : [])), reason: done.reason, stats: done.stats as Required<GenerationStats>, ms };
  }

  /** The e2e '17 * 23' flow: turn 1 to <|call|>, the tool result '391', turn 2 on the reused cache. */
  async flow(): Promise<{ prompt: number[]; next: number[]; turn1: number[]; turn2: number[]; reason1: string; reason2: string; reused2: number; ms: number }> {
    this.core.resetCache();
    const prompt = questionPrompt('What is 17 * 23?');
    const t0 = performance.now();
    const first = await this.gen(prompt, 120);
    const next = [...prompt, ...first.ids, ...toolResultSuffix('functions.calculator', '391')];
    const second = await this.gen(next, 120);
    return { prompt, next, turn1: first.ids, turn2: second.ids, reason1: first.reason, reason2: second.reason, reused2: second.stats.reusedTokens, ms: performance.now() - t0 };
  }
}

/** Plain transformers.js on the same files and device: what the engine is compared with. */
async function transformersModel(modelsDir: string, modelId: string, device: Device, dtype: Dtype): Promise<PreTrainedModel> {
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = dir(modelsDir);
  return AutoModelForCausalLM.from_pretrained(modelId, { dtype, device, local_files_only: true });
}

/** generate(), greedy, exactly `n` new tokens: prefill and decode ms from a streamer's time stamps. */
async function runGenerate(model: PreTrainedModel, prompt: number[], n: number): Promise<{ prefillMs: number; decodeMs: number; steps: number; ids: number[] }> {
  const stamps: number[] = [];
  const streamer = { put: () => stamps.push(performance.now()), end: () => {} };
  const t0 = performance.now();
  const out = (await model.generate({
    input_ids: new Tensor('int64', BigInt64Array.from(prompt, BigInt), [1, prompt.length]),
    attention_mask: new Tensor('int64', new BigInt64Array(prompt.length).fill(1n), [1, prompt.length]),
    max_new_tokens: n,
    min_new_tokens: n,
    do_sample: false,
    streamer,
  } as never)) as Tensor;
  // stamps[0]: the prompt; stamps[1]: the first new token; the last: the last token.
  return { prefillMs: stamps[1]! - t0, decodeMs: stamps[stamps.length - 1]! - stamps[1]!, steps: stamps.length - 2, ids: Array.from(out.data as BigInt64Array, Number).slice(prompt.length) };
}

async function modeE1(modelsDir: string, out: string): Promise<void> {
  const ort = await loadNodeOrt();
  const res: Record<string, unknown> = { ep: GPU, ortVersions: ort.env.versions, sessions: {} as Record<string, unknown> };
  for (const f of ['model_q4f16.onnx', 'model.onnx']) {
    const t0 = performance.now();
    try {
      const s = await ort.InferenceSession.create(join(modelsDir, DEMO, 'onnx', f), { executionProviders: [GPU], logSeverityLevel: 0, logVerbosityLevel: 0 });
      (res.sessions as Record<string, unknown>)[f] = { ok: true, ms: r2(performance.now() - t0), inputs: s.inputNames.length, outputs: s.outputNames.length };
      await s.release();
    } catch (e) {
      (res.sessions as Record<string, unknown>)[f] = { ok: false, error: (e as Error).message };
    }
    console.error(`E1MARK session ${f} ${JSON.stringify((res.sessions as Record<string, unknown>)[f])}`);
  }
  write(out, res);
  console.log('E1 ' + JSON.stringify(res));
}

async function modeExpect(modelsDir: string, out: string): Promise<void> {
  const res: Record<string, unknown> = {};
  for (const dtype of ['q4f16', 'fp32'] as Dtype[]) {
    const h = new Harness();
    await h.load(modelsDir, DEMO, 'cpu', dtype);
    const f = await h.flow();
    const f2 = await h.flow();
    const sampled = await h.gen(f.prompt, 40, [], SAMPLED);
    const repeat = JSON.stringify([f.turn1, f.turn2]) === JSON.stringify([f2.turn1, f2.turn2]);
    res[dtype] = { prompt: f.prompt, turn1: f.turn1, turn2: f.turn2, reason1: f.reason1, reason2: f.reason2, reused2: f.reused2, repeatIdentical: repeat, sampledSeed42: sampled.ids };
    console.log(`expect ${dtype}: prompt ${f.prompt.length}, turn1 ${f.turn1.length} (${f.reason1}), turn2 ${f.turn2.length} (${f.reason2}), repeat identical ${repeat}`);
    await h.core.unload();
  }
  write(out, res);
}

async function modeE2(modelsDir: string, dtype: Dtype, runs: number, expectFile: string, out: string, tag: string): Promise<void> {
  const expected = JSON.parse(readFileSync(expectFile, 'utf8'))[dtype] as { turn1: number[]; turn2: number[]; sampledSeed42?: number[] };
  const result: Record<string, any> = { tag, dtype, runs: [] as unknown[] };
  const cpu = new Harness();
  result.cpuLoadMs = r2(await cpu.load(modelsDir, DEMO, 'cpu', dtype));
  const ref = await cpu.flow();
  const refIds = [...ref.turn1, ...ref.turn2];
  result.cpuMatchesCarriedExpect = JSON.stringify(refIds) === JSON.stringify([...expected.turn1, ...expected.turn2]);
  result.cpuIdsLen = [ref.turn1.length, ref.turn2.length];
  result.promptLen = ref.prompt.length;
  const cpuSampled = (await cpu.gen(ref.prompt, 40, [], SAMPLED)).ids;
  await cpu.core.unload();
  const gpu = new Harness();
  try {
    result.gpuLoadMs = r2(await gpu.load(modelsDir, DEMO, GPU, dtype));
    result.gpuLoaded = true;
    result.gpuShim = false; // the engine opens onnxruntime-node's WebGPU EP itself: nothing asks navigator.gpu
  } catch (e) {
    Object.assign(result, { gpuLoaded: false, gpuShim: false, gpuLoadError: (e as Error).message, gpuLoadErrorCode: (e as { code?: string }).code });
    write(out, result);
    console.log(`E2 ${tag} ${dtype}: ${GPU} load FAILED: ${(e as Error).message}`);
    return;
  }
  console.log(`E2 ${tag} ${dtype}: cpu==carried ${result.cpuMatchesCarriedExpect}; ${GPU} loaded in ${result.gpuLoadMs} ms`);
  let last: Awaited<ReturnType<Harness['flow']>> | null = null;
  for (let i = 0; i < runs; i++) {
    let r: Record<string, unknown>;
    try {
      const f = (last = await gpu.flow());
      const ids = [...f.turn1, ...f.turn2];
      const exact = JSON.stringify(ids) === JSON.stringify(refIds);
      r = {
        i, exact, firstDiv: firstDiv(ids, refIds), turn1Exact: JSON.stringify(f.turn1) === JSON.stringify(ref.turn1), len: [f.turn1.length, f.turn2.length],
        reasons: [f.reason1, f.reason2], reused2: f.reused2, expectedReused2: f.prompt.length + f.turn1.length - 1, ms: r2(f.ms), ...(exact ? {} : { ids }),
      };
    } catch (e) {
      r = { i, error: (e as Error).message };
    }
    result.runs.push(r);
    console.log(`E2 ${tag} ${dtype} run ${i}: ${JSON.stringify(r).slice(0, 300)}`);
    write(out, result);
  }
  // Regenerate turn 2 (the same prompt again): only its last token is fed again, the rest stays on the GPU.
  if (last) {
    try {
      const again = await gpu.gen(last.next, 120);
      result.regenerate = { reused: again.stats.reusedTokens, rePrefilled: again.stats.prefillTokens, promptLen: last.next.length, sameIds: JSON.stringify(again.ids) === JSON.stringify(last.turn2) };
    } catch (e) {
      result.regenerate = { error: (e as Error).message };
    }
  }
  // Seeded sampling: the same seed twice on the GPU, and against the CPU's draw with that seed.
  try {
    gpu.core.resetCache();
    const a = await gpu.gen(ref.prompt, 40, [], SAMPLED);
    const b = await gpu.gen(ref.prompt, 40, [], SAMPLED);
    result.sampled = { reproducible: JSON.stringify(a.ids) === JSON.stringify(b.ids), sameAsCpu: JSON.stringify(a.ids) === JSON.stringify(cpuSampled), firstDivVsCpu: firstDiv(a.ids, cpuSampled), fallbacks: a.stats.breakdown.samplerFallbacks, ...perToken(a.stats) };
  } catch (e) {
    result.sampled = { error: (e as Error).message };
  }
  const rs = result.runs as any[];
  result.exactCount = rs.filter((r) => r.exact).length;
  write(out, result);
  console.log(`E2 ${tag} ${dtype} SUMMARY: exact ${result.exactCount}/${rs.length}; first divergences ${JSON.stringify(rs.filter((r) => !r.exact).map((r) => r.firstDiv ?? r.error))}; reuse ok ${rs.every((r) => r.reused2 === r.expectedReused2)}; regenerate ${JSON.stringify(result.regenerate)}; sampled ${JSON.stringify(result.sampled)}`);
  await gpu.core.unload();
}

async function modeE3(modelsDir: string, out: string): Promise<void> {
  const h = new Harness();
  const res: Record<string, any> = { gpuShim: false };
  res.loadMs = r2(await h.load(modelsDir, DEMO, GPU, 'q4f16'));
  const prompt = questionPrompt('What is 17 * 23?');
  res.promptLen = prompt.length;
  const N = 128;
  await h.gen(prompt, 16, []); // warm-up with the same shapes
  const prefill: number[] = [];
  for (let i = 0; i < 5; i++) {
    h.core.resetCache();
    prefill.push((await h.gen(prompt, 1, [])).stats.prefillMs);
  }
  const decode: Gen[] = [];
  for (let i = 0; i < 3; i++) {
    h.core.resetCache();
    decode.push(await h.gen(prompt, N, []));
  }
  const best = decode.reduce((a, b) => (b.stats.decodeMs < a.stats.decodeMs ? b : a));
  res.engine = {
    prefillMs: prefill.map(r2), prefillMsMedian: r2(median(prefill)),
    decode: decode.map((d) => ({ tokens: d.stats.decodeTokens, ms: r2(d.stats.decodeMs) })),
    msPerToken: r2(median(decode.map((d) => d.stats.decodeMs / (d.stats.decodeTokens - 1)))),
    breakdown: perToken(best.stats),
  };
  res.engine.tokensPerS = r2(1000 / res.engine.msPerToken);
  write(out, res);
  const engineIds = best.ids;
  await h.core.unload();
  // transformers.js generate() on the same files and device, greedy, exactly N new tokens.
  const model = await transformersModel(modelsDir, DEMO, GPU, 'q4f16');
  await runGenerate(model, prompt, N); // warm-up
  const gens = [];
  for (let i = 0; i < 3; i++) gens.push(await runGenerate(model, prompt, N));
  await model.dispose();
  res.generate = {
    runs: gens.map((g) => ({ prefillMs: r2(g.prefillMs), decodeMs: r2(g.decodeMs), steps: g.steps })),
    msPerToken: r2(median(gens.map((g) => g.decodeMs / g.steps))),
    prefillMsMedian: r2(median(gens.map((g) => g.prefillMs))),
  };
  res.generate.tokensPerS = r2(1000 / res.generate.msPerToken);
  res.ratioEngineOverGenerate_tokensPerS = r2(res.engine.tokensPerS / res.generate.tokensPerS);
  res.sameIdsEngineVsGenerate = JSON.stringify(engineIds) === JSON.stringify(gens[0]!.ids);
  // 36 is expected: token 36 is <|call|>, which generate() may not emit while forced to N new tokens.
  res.firstDivEngineVsGenerate = firstDiv(engineIds, gens[0]!.ids);
  write(out, res);
  console.log(`E3: ${JSON.stringify(res)}`);
}

async function modeE4(modelsDir: string, modelId: string, layers: number, out: string): Promise<void> {
  const h = new Harness(PREFILL_CHUNK);
  const res: Record<string, any> = { modelId, layers, underLoad: process.env.E4_UNDER_LOAD === '1', gpuShim: false, prefillChunk: PREFILL_CHUNK ?? 'default' };
  try {
    res.loadMs = r2(await h.load(modelsDir, modelId, GPU, 'q4f16'));
  } catch (e) {
    res.loadError = (e as Error).message;
    write(out, res);
    console.log(`E4 L=${layers}: load FAILED ${(e as Error).message}`);
    return;
  }
  console.log(`E4 L=${layers}: loaded in ${res.loadMs} ms`);
  write(out, res);
  const rng = createRng(7 + layers);
  const ids = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 199000));
  const short = ids(16);
  const long = ids(4000);
  const t0 = performance.now();
  await h.gen(short, 8, []); // warm-up
  res.warmupMs = r2(performance.now() - t0);
  const decode: Gen[] = [];
  for (let i = 0; i < 2; i++) {
    h.core.resetCache();
    decode.push(await h.gen(short, 64, []));
  }
  const best = decode.reduce((a, b) => (b.stats.decodeMs < a.stats.decodeMs ? b : a));
  res.decode = decode.map((d) => ({ tokens: d.stats.decodeTokens, ms: r2(d.stats.decodeMs), prefillMs: r2(d.stats.prefillMs) }));
  res.msPerToken = r2(best.stats.decodeMs / (best.stats.decodeTokens - 1));
  res.tokensPerS = r2(1000 / res.msPerToken);
  res.breakdown = perToken(best.stats);
  write(out, res);
  console.log(`E4 L=${layers}: decode ${res.msPerToken} ms/token ${JSON.stringify(res.breakdown)}`);
  const prefillOf = async (n: number): Promise<number[]> => {
    const ms: number[] = [];
    for (let i = 0; i < 2; i++) {
      h.core.resetCache();
      ms.push(r2((await h.gen(long.slice(0, n), 1, [])).stats.prefillMs));
    }
    return ms;
  };
  res.prefill1000Ms = await prefillOf(1000);
  write(out, res);
  // Decode right after the 1000-token prompt (KV of 1000 positions): the cache holds it, one token is fed.
  const after1000 = await h.gen([...long.slice(0, 1000), 5], 33, []);
  res.decodeAfter1000 = { reused: after1000.stats.reusedTokens, tokens: after1000.stats.decodeTokens, ms: r2(after1000.stats.decodeMs), msPerToken: r2(after1000.stats.decodeMs / (after1000.stats.decodeTokens - 1)) };
  write(out, res);
  console.log(`E4 L=${layers}: prefill1000 ${JSON.stringify(res.prefill1000Ms)} ms; after-1000 decode ${res.decodeAfter1000.msPerToken} ms/token`);
  if (layers < EXTRAS_MIN_LAYERS) return h.core.unload();

  // The goals' own measurements (issue 12), on the deepest twin.
  res.prefill2000Ms = await prefillOf(2000);
  res.prefill2000TokensPerS = r2(2000 / (Math.min(...res.prefill2000Ms) / 1000));
  write(out, res);
  h.core.resetCache();
  const ctx4000 = await h.gen(long, 1, []);
  const after4000 = await h.gen([...long, 5], 33, []);
  res.prefill4000Ms = r2(ctx4000.stats.prefillMs);
  res.decodeAfter4000 = { reused: after4000.stats.reusedTokens, tokens: after4000.stats.decodeTokens, msPerToken: r2(after4000.stats.decodeMs / (after4000.stats.decodeTokens - 1)), ...perToken(after4000.stats) };
  res.decodeAfter4000.tokensPerS = r2(1000 / res.decodeAfter4000.msPerToken);
  write(out, res);
  console.log(`E4 L=${layers}: prefill2000 ${JSON.stringify(res.prefill2000Ms)} ms; after-4000 decode ${res.decodeAfter4000.msPerToken} ms/token`);
  // Regenerate: a 1000-token conversation answered, then the same prompt again (the last user turn kept).
  h.core.resetCache();
  const convo = long.slice(0, 1000);
  await h.gen(convo, 16, []);
  const regen = await h.gen(convo, 16, []);
  h.core.resetCache();
  const fresh = await h.gen(convo, 1, []);
  res.regenerate = { promptLen: convo.length, rePrefilledTokens: regen.stats.prefillTokens, reusedTokens: regen.stats.reusedTokens, prefillMs: r2(regen.stats.prefillMs), freshPrefillMs: r2(fresh.stats.prefillMs) };
  // Edit of the last user message: the same history with its last 20 tokens replaced.
  h.core.resetCache();
  await h.gen(convo, 16, []);
  const edited = await h.gen([...convo.slice(0, 980), ...ids(20)], 1, []);
  res.edit = { promptLen: 1000, rePrefilledTokens: edited.stats.prefillTokens, reusedTokens: edited.stats.reusedTokens, prefillMs: r2(edited.stats.prefillMs) };
  // Sampled decode (gpt-oss's default T=1, top_p=1): GPU top-k candidates + exact CPU draw.
  h.core.resetCache();
  const sampled = await h.gen(short, 64, [], SAMPLED);
  res.sampledDecode = perToken(sampled.stats);
  write(out, res);
  console.log(`E4 L=${layers}: regenerate ${JSON.stringify(res.regenerate)}; edit ${JSON.stringify(res.edit)}; sampled ${JSON.stringify(res.sampledDecode)}`);
  const engineShortIds = best.ids;
  await h.core.unload();

  // Prefill with larger runs (the engine's default is PREFILL_CHUNK tokens per run): informs that default.
  try {
    const big = new Harness(1024);
    await big.load(modelsDir, modelId, GPU, 'q4f16');
    const ms: number[] = [];
    for (let i = 0; i < 2; i++) {
      big.core.resetCache();
      ms.push(r2((await big.gen(long.slice(0, 2000), 1, [])).stats.prefillMs));
    }
    res.prefill2000MsChunk1024 = ms;
    await big.core.unload();
  } catch (e) {
    res.prefill2000MsChunk1024 = { error: (e as Error).message };
  }
  write(out, res);

  // Plain transformers.js generate() on the same twin and GPU, in this process, after the engine let go of it.
  try {
    const model = await transformersModel(modelsDir, modelId, GPU, 'q4f16');
    await runGenerate(model, short, 8); // warm-up
    const gens = [];
    for (let i = 0; i < 2; i++) gens.push(await runGenerate(model, short, 64));
    await model.dispose();
    const ms = Math.min(...gens.map((g) => g.decodeMs / g.steps));
    res.generate = { msPerToken: r2(ms), tokensPerS: r2(1000 / ms), runs: gens.map((g) => ({ steps: g.steps, decodeMs: r2(g.decodeMs), prefillMs: r2(g.prefillMs) })), sameIdsAsEngine: JSON.stringify(gens[0]!.ids) === JSON.stringify(engineShortIds) };
    res.ratioEngineOverGenerate = r2(ms / res.msPerToken);
  } catch (e) {
    res.generate = { error: (e as Error).message };
  }
  write(out, res);
  console.log(`E4 L=${layers}: generate() ${JSON.stringify(res.generate)}; engine/generate speed ratio ${res.ratioEngineOverGenerate}`);
}

function fit(points: [number, number][]): { a: number; b: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const b = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return { a: my - b * mx, b };
}

/** Collects res/*.json into RESULTS.json (run after every step, so a cut run still leaves a summary). */
function modeSummary(resDir: string, out: string): void {
  const read = (f: string) => {
    try {
      return JSON.parse(readFileSync(join(resDir, f), 'utf8'));
    } catch {
      return null;
    }
  };
  const files = readdirSync(resDir).filter((f) => f.endsWith('.json')).sort();
  const e2 = files.filter((f) => f.startsWith('e2_')).map(read).filter(Boolean).map((r) => {
    const runs: any[] = r.runs ?? [];
    return {
      tag: r.tag, dtype: r.dtype, gpuLoaded: r.gpuLoaded, gpuLoadError: r.gpuLoadError, gpuShim: r.gpuShim, cpuMatchesCarriedExpect: r.cpuMatchesCarriedExpect,
      runs: runs.length, exact: runs.filter((x) => x.exact).length, firstDivs: runs.filter((x) => !x.exact).map((x) => x.firstDiv ?? x.error),
      reuseOk: runs.every((x) => x.reused2 === x.expectedReused2), regenerate: r.regenerate, sampled: r.sampled,
    };
  });
  const e2totals: Record<string, unknown> = {};
  for (const dtype of new Set(e2.map((r) => r.dtype))) {
    const rs = e2.filter((r) => r.dtype === dtype);
    e2totals[dtype] = {
      processes: rs.length, runs: rs.reduce((n, r) => n + r.runs, 0), exact: rs.reduce((n, r) => n + r.exact, 0), reuseOk: rs.every((r) => r.reuseOk),
      cpuMatchesCarriedExpect: rs.every((r) => r.cpuMatchesCarriedExpect), regenerateRePrefilled: [...new Set(rs.map((r) => r.regenerate?.rePrefilled))],
      sampledReproducible: rs.every((r) => r.sampled?.reproducible === true), sampledSameAsCpu: rs.filter((r) => r.sampled?.sameAsCpu === true).length,
    };
  }
  const e4 = files.filter((f) => /^e4_L\d+\.json$/.test(f)).map(read).filter(Boolean).sort((a, b) => a.layers - b.layers)
    .map((r) => ({
      layers: r.layers, underLoad: r.underLoad, loadMs: r.loadMs, loadError: r.loadError, msPerToken: r.msPerToken, tokensPerS: r.tokensPerS, breakdown: r.breakdown,
      prefill1000Ms: r.prefill1000Ms, decodeAfter1000MsPerToken: r.decodeAfter1000?.msPerToken,
      prefill2000Ms: r.prefill2000Ms, prefill2000TokensPerS: r.prefill2000TokensPerS, prefill2000MsChunk1024: r.prefill2000MsChunk1024, prefill4000Ms: r.prefill4000Ms, decodeAfter4000: r.decodeAfter4000,
      regenerate: r.regenerate, edit: r.edit, sampledDecode: r.sampledDecode, generate: r.generate, ratioEngineOverGenerate: r.ratioEngineOverGenerate,
    }));
  const res: Record<string, any> = { goals: null, build: read('build-info.json'), run: read('run-info.json'), e1: read('e1.json'), e2totals, e2, e3: read('e3.json'), e4 };
  const done = e4.filter((r) => typeof r.msPerToken === 'number');
  if (done.length >= 2) {
    const f = fit(done.map((r) => [r.layers, r.msPerToken]));
    const ms24 = f.a + 24 * f.b;
    res.e4fit = {
      decode: { aMs: r2(f.a), bMsPerLayer: r2(f.b), projectedL24MsPerToken: r2(ms24), projectedL24TokensPerS: r2(1000 / ms24) },
      label: 'PROJECTION from random-weight twins (gpt-oss-20b width, 4 experts top-4, q4f16), not a measurement of gpt-oss-20b',
    };
  }
  // The issue's goals, each with the figure that answers it (null = not measured in this run).
  const deep = [...done].reverse().find((r) => r.layers >= EXTRAS_MIN_LAYERS);
  const e2t = e2totals as Record<string, { runs: number; exact: number } | undefined>;
  res.goals = {
    twinLayers: deep?.layers ?? null,
    decodeShortTokensPerS: { value: deep?.tokensPerS ?? null, goal: '>= 150' },
    decodeAfter4000TokensPerS: { value: deep?.decodeAfter4000?.tokensPerS ?? null, goal: '>= 120' },
    fixedCostAMs: { value: res.e4fit?.decode.aMs ?? null, goal: '<= 1', note: 'fit over the measured depths' },
    prefill2000TokensPerS: { value: deep?.prefill2000TokensPerS ?? null, goal: '>= 4000', withChunk1024: Array.isArray(deep?.prefill2000MsChunk1024) ? r2(2000 / (Math.min(...deep.prefill2000MsChunk1024) / 1000)) : null },
    speedVsGenerate: { value: deep?.ratioEngineOverGenerate ?? null, goal: '>= 2', note: 'generate() ms/token over engine ms/token, same twin, GPU, process' },
    readbackBytesPerToken: { value: deep?.breakdown?.readbackBytesPerToken ?? null, goal: 'a few KB' },
    regenerateRePrefilledTokens: { value: deep?.regenerate?.rePrefilledTokens ?? res.e2?.[0]?.regenerate?.rePrefilled ?? null, goal: 'the new suffix only (1 for the same prompt)' },
    tokenExact: { q4f16: e2t.q4f16 ? `${e2t.q4f16.exact}/${e2t.q4f16.runs}` : null, fp32: e2t.fp32 ? `${e2t.fp32.exact}/${e2t.fp32.runs}` : null, goal: 'all runs' },
  };
  write(out, res);
  console.log('SUMMARY ' + JSON.stringify(res));
}

const [mode, ...a] = process.argv.slice(2);
env.logLevel = 40; // transformers.js: errors only
if (mode === 'e1') await modeE1(a[0]!, a[1]!);
else if (mode === 'expect') await modeExpect(a[0]!, a[1]!);
else if (mode === 'e2') await modeE2(a[0]!, a[1] as Dtype, Number(a[2]), a[3]!, a[4]!, a[5] ?? 'p0');
else if (mode === 'e3') await modeE3(a[0]!, a[1]!);
else if (mode === 'e4') await modeE4(a[0]!, a[1]!, Number(a[2]), a[3]!);
else if (mode === 'summary') modeSummary(a[0]!, a[1]!);
else {
  console.error('unknown mode ' + mode);
  process.exit(2);
}
process.exit(0);
