// The engine core on Node: transformers.js + onnxruntime-node (CPU) on the project's tiny gpt-oss twins.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AutoModelForCausalLM, env, Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EngineEvent, GenerateRequest, Sampling } from '../src/engine/protocol';
import { EngineCore, PREFILL_CHUNK } from './engine-core';

const MODELS = resolve('public/models') + '/';
const MODEL = 'overtone-tiny-random';
const GREEDY: Sampling = { temperature: 0, topP: 1, topK: 0, seed: 0 };
const PROMPT = [200006, 1428, 200008, 13225, 11, 1495, 553, 481, 30, 200007, 200006, 173781];

function engine(): { core: EngineCore; events: EngineEvent[] } {
  const events: EngineEvent[] = [];
  return { core: new EngineCore((e) => events.push(e)), events };
}

let n = 0;
function request(tokens: number[], extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return { type: 'generate', requestId: `r${n++}`, tokens, sampling: GREEDY, stopTokens: [], maxTokens: 12, ...extra };
}

function generated(events: EngineEvent[], requestId: string): number[] {
  return events.flatMap((e) => (e.type === 'tokens' && e.requestId === requestId ? e.ids : []));
}
function done(events: EngineEvent[], requestId: string) {
  const d = events.find((e) => e.type === 'done' && e.requestId === requestId);
  if (!d || d.type !== 'done') throw new Error('no done event');
  return d;
}

async function run(core: EngineCore, events: EngineEvent[], req: GenerateRequest): Promise<number[]> {
  await core.generate(req);
  return generated(events, req.requestId);
}

/** Baseline: plain transformers.js greedy generate() on the same files (one-shot prefill, its own loop). */
async function baseline(dtype: 'q4f16' | 'fp32', tokens: number[], count: number): Promise<number[]> {
  env.allowLocalModels = true;
  env.localModelPath = MODELS;
  const model = await AutoModelForCausalLM.from_pretrained(MODEL, { dtype, device: 'cpu', local_files_only: true });
  const out = (await model.generate({
    input_ids: new Tensor('int64', BigInt64Array.from(tokens, BigInt), [1, tokens.length]),
    max_new_tokens: count,
    min_new_tokens: count,
    do_sample: false,
    eos_token_id: [],
  } as never)) as Tensor;
  await model.dispose();
  return Array.from(out.data as BigInt64Array, Number).slice(tokens.length);
}

describe.each(['q4f16', 'fp32'] as const)('engine core, %s on Node CPU', (dtype) => {
  const { core, events } = engine();
  beforeAll(async () => {
    await core.load({ type: 'load', modelId: MODEL, localModelPath: MODELS, device: 'cpu', dtype });
  }, 60_000);
  afterAll(() => core.unload());

  test('load reports progress over all files and ready', () => {
    const progress = events.filter((e) => e.type === 'load.progress');
    expect(progress.length).toBeGreaterThan(0);
    const last = progress[progress.length - 1]!;
    if (last.type !== 'load.progress') throw new Error();
    expect(last.totalLoaded).toBe(last.totalBytes);
    expect(new Set(progress.map((p) => (p.type === 'load.progress' ? p.file : ''))).size).toBeGreaterThanOrEqual(4);
    expect(events.some((e) => e.type === 'load.ready' && e.backend === 'cpu' && e.dtype === dtype)).toBe(true);
  });

  test('greedy tokens equal plain transformers.js generate()', async () => {
    core.resetCache();
    const ours = await run(core, events, request(PROMPT, { maxTokens: 10 }));
    expect(ours).toEqual(await baseline(dtype, PROMPT, 10));
    expect(new Set(ours).size).toBeGreaterThan(1);
  });

  test('a prompt longer than one prefill chunk (chunked prefill) equals the one-shot baseline', async () => {
    core.resetCache();
    const long = Array.from({ length: PREFILL_CHUNK + 40 }, (_, i) => PROMPT[i % PROMPT.length]!);
    const req = request(long, { maxTokens: 4 });
    expect(await run(core, events, req)).toEqual(await baseline(dtype, long, 4));
    expect(done(events, req.requestId).stats.prefillTokens).toBe(long.length);
  });
});

describe('engine core behaviour (q4f16)', () => {
  const { core, events } = engine();
  beforeAll(() => core.load({ type: 'load', modelId: MODEL, localModelPath: MODELS, device: 'cpu', dtype: 'q4f16' }), 60_000);
  afterAll(() => core.unload());

  test('stops on a stop id, reports it, and length otherwise', async () => {
    core.resetCache();
    const free = await run(core, events, request(PROMPT, { maxTokens: 8 }));
    const stopId = free[3]!;
    const req = request(PROMPT, { maxTokens: 8, stopTokens: [stopId] });
    const ids = await run(core, events, req);
    expect(ids).toEqual(free.slice(0, free.indexOf(stopId) + 1));
    expect(done(events, req.requestId)).toMatchObject({ reason: 'stop', stopToken: stopId });
    const last = events.filter((e) => e.type === 'done').at(-2);
    expect(last).toMatchObject({ reason: 'length' });
  });

  test('same seed, same tokens; another seed, other tokens; temperature sampling is not greedy', async () => {
    const sampled = (seed: number) => run(core, events, request(PROMPT, { maxTokens: 16, sampling: { temperature: 1, topP: 1, topK: 0, seed } }));
    const a = await sampled(42);
    const b = await sampled(42);
    const c = await sampled(43);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  test('top_p is honoured: a tiny nucleus is greedy', async () => {
    core.resetCache();
    const greedy = await run(core, events, request(PROMPT, { maxTokens: 10 }));
    const nucleus = await run(core, events, request(PROMPT, { maxTokens: 10, sampling: { temperature: 1, topP: 1e-6, topK: 0, seed: 5 } }));
    expect(nucleus).toEqual(greedy);
  });

  test('abort stops within one decode step', async () => {
    const req = request(PROMPT, { maxTokens: 500 });
    const pending = core.generate(req);
    await new Promise((r) => setTimeout(r, 30));
    core.abort(req.requestId);
    await pending;
    const d = done(events, req.requestId);
    expect(d.reason).toBe('abort');
    expect(d.stats.decodeTokens).toBeLessThan(500);
  });

  test('KV reuse: an extended prompt prefills only the suffix and gives the same greedy tokens as a fresh run', async () => {
    core.resetCache();
    const first = request(PROMPT, { maxTokens: 6 });
    const out1 = await run(core, events, first);
    // The tool-call loop: the next prompt = the previous prompt + generated ids + new tokens.
    const second = [...PROMPT, ...out1, 200006, 1428, 200008, 3575, 200007, 200006, 173781];
    const reusedReq = request(second, { maxTokens: 6 });
    const reusedOut = await run(core, events, reusedReq);
    const reused = done(events, reusedReq.requestId).stats.reusedTokens;
    expect(reused).toBe(PROMPT.length + out1.length - 1); // the last sampled id was never fed
    expect(done(events, reusedReq.requestId).stats.prefillTokens).toBe(second.length - reused);
    core.resetCache();
    const freshReq = request(second, { maxTokens: 6 });
    expect(await run(core, events, freshReq)).toEqual(reusedOut);
    expect(done(events, freshReq.requestId).stats.reusedTokens).toBe(0);
  });

  test('KV reuse: a diverging prompt crops the cache to the common prefix', async () => {
    core.resetCache();
    await run(core, events, request([...PROMPT, 1, 2, 3, 4], { maxTokens: 2 }));
    const diverged = [...PROMPT, 9, 9];
    const req = request(diverged, { maxTokens: 5 });
    const out = await run(core, events, req);
    expect(done(events, req.requestId).stats.reusedTokens).toBe(PROMPT.length);
    core.resetCache();
    expect(await run(core, events, request(diverged, { maxTokens: 5 }))).toEqual(out);
  });

  test('regenerate: the same prompt again re-prefills only its last token and gives the same tokens', async () => {
    core.resetCache();
    const first = request(PROMPT, { maxTokens: 6 });
    const out1 = await run(core, events, first);
    const again = request(PROMPT, { maxTokens: 6 });
    expect(await run(core, events, again)).toEqual(out1);
    expect(done(events, again.requestId).stats).toMatchObject({ reusedTokens: PROMPT.length - 1, prefillTokens: 1 });
  });

  test('edit of the last user message: the common prefix stays, only the new suffix is prefilled', async () => {
    core.resetCache();
    const turn = [...PROMPT, 200007, 200006, 1428, 200008, 3575, 11, 13225, 200007, 200006, 173781];
    await run(core, events, request(turn, { maxTokens: 4 }));
    const edited = [...PROMPT, 200007, 200006, 1428, 200008, 9906, 200007, 200006, 173781];
    const req = request(edited, { maxTokens: 5 });
    const out = await run(core, events, req);
    expect(done(events, req.requestId).stats).toMatchObject({ reusedTokens: PROMPT.length + 4, prefillTokens: 4 });
    core.resetCache();
    expect(await run(core, events, request(edited, { maxTokens: 5 }))).toEqual(out);
  });

  test('decode breakdown: the phases add up, and per token only the greedy pick is read back', async () => {
    core.resetCache();
    const req = request(PROMPT, { maxTokens: 9 });
    await run(core, events, req);
    const { stats } = done(events, req.requestId);
    const b = stats.breakdown!;
    expect(b.forwardSteps).toBe(stats.decodeTokens - 1);
    expect(b.modelRunMs).toBeGreaterThan(0);
    expect(b.samplerRunMs).toBeGreaterThan(0);
    expect(b.glueMs).toBeGreaterThanOrEqual(0);
    expect(b.modelRunMs + b.samplerRunMs + b.sampleMs + b.glueMs).toBeCloseTo(stats.decodeMs, 6);
    // 128 rows x (float max + int64 argmax): 1.5 KB per token, not the 201,088-entry row.
    expect(b.readbackBytes / stats.decodeTokens).toBe(128 * 12);
    expect(b.samplerFallbacks).toBe(0);
  });

  test('top-k and top-p sampling: reproducible per seed; top-k 1 is greedy', async () => {
    core.resetCache();
    const greedy = await run(core, events, request(PROMPT, { maxTokens: 8 }));
    const draw = (sampling: Sampling) => run(core, events, request(PROMPT, { maxTokens: 8, sampling }));
    expect(await draw({ temperature: 1, topP: 1, topK: 1, seed: 3 })).toEqual(greedy);
    for (const sampling of [
      { temperature: 0.8, topP: 1, topK: 20, seed: 9 },
      { temperature: 1, topP: 0.9, topK: 0, seed: 9 },
      { temperature: 1.2, topP: 0.5, topK: 50, seed: 9 },
    ]) {
      const a = await draw(sampling);
      expect(await draw(sampling)).toEqual(a);
      expect(await draw({ ...sampling, seed: 10 })).not.toEqual(a);
    }
  });

  test('generate before load is a typed error', async () => {
    const { core: empty } = engine();
    await expect(empty.generate(request(PROMPT))).rejects.toMatchObject({ code: 'not-loaded' });
  });
});

describe('load failures are typed', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'overtone-bad-model-'));
    cpSync(join(MODELS, MODEL), join(dir, MODEL), { recursive: true });
    writeFileSync(join(dir, MODEL, 'onnx', 'model_q4f16.onnx'), 'this is not an onnx file');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a corrupt model file -> bad-model with a fix', async () => {
    const { core } = engine();
    await expect(core.load({ type: 'load', modelId: MODEL, localModelPath: dir + '/', device: 'cpu', dtype: 'q4f16' })).rejects.toMatchObject({
      code: 'bad-model',
      fix: expect.stringMatching(/delete the cached model/),
    });
  });

  test('WebGPU in Node without the WebGPU execution provider -> no-webgpu, before any file is read', async () => {
    const real = (await import('onnxruntime-node')).default;
    const cpuOnly = { InferenceSession: real.InferenceSession, Tensor: real.Tensor, env: real.env, listSupportedBackends: () => [{ name: 'cpu' }] };
    const core = new EngineCore(() => {}, { ort: cpuOnly });
    await expect(core.load({ type: 'load', modelId: 'no-such-model', localModelPath: dir + '/', device: 'webgpu', dtype: 'q4f16' })).rejects.toMatchObject({
      code: 'no-webgpu',
      message: expect.stringMatching(/WebGPU execution provider/),
    });
  });

  test('a missing model -> download error', async () => {
    const { core } = engine();
    await expect(core.load({ type: 'load', modelId: 'no-such-model', localModelPath: dir + '/', device: 'cpu', dtype: 'q4f16' })).rejects.toMatchObject({
      code: 'download',
    });
  });
});
