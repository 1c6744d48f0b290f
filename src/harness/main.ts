// Engine harness page: the real EngineClient + inference worker, driven from Playwright (e2e/) through
// window.__overtoneHarness, with a status line for humans.
import { chooseRuntime } from '../engine/capabilities';
import { EngineClient } from '../engine/client';
import { EngineError, type GenerationStats, type ProbeResult, type Sampling } from '../engine/protocol';
import { findModel } from '../models/manifest';

const statusEl = document.getElementById('status')!;
const status = (s: string) => (statusEl.textContent = s);
const base = new URL(import.meta.env.BASE_URL, location.href).href;
// ?ort=asyncify names the worker so that src/engine/ort-web.ts takes the asyncify build (bench comparisons).
const workerName = new URLSearchParams(location.search).get('ort') === 'asyncify' ? 'overtone-engine ort=asyncify' : 'overtone-engine';
const client = new EngineClient(() => new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: workerName }));

export interface HarnessApi {
  probe(): Promise<ProbeResult>;
  load(modelId: string, force?: { device: 'webgpu' | 'wasm'; dtype: 'fp32' | 'q4f16' }): Promise<{ backend: string; dtype: string; ms: number; ortBuild?: string }>;
  generate(tokens: number[], opts?: { maxTokens?: number; sampling?: Sampling; stopTokens?: number[] }): Promise<{ ids: number[]; stats: GenerationStats; reason: string }>;
  respawns(): number;
  /** A user-defined tool's code in its sandbox worker, under this page's CSP (issue 9; e2e/sandbox.e2e.ts). */
  runUserTool(code: string, args: unknown, timeoutMs: number): Promise<{ ok: true; text: string } | { ok: false; code: string; message: string }>;
  /** Baseline for benchmarks: plain transformers.js generate() on this page's main thread, ms per decode step. */
  baselineDecodeMs(modelId: string, device: 'webgpu' | 'wasm', dtype: 'fp32' | 'q4f16', tokens: number[], steps: number): Promise<number>;
}

const api: HarnessApi = {
  async probe() {
    const r = await client.probe();
    status(`probe: webgpu=${r.webgpu} ${r.adapter?.vendor ?? ''} ${r.adapter?.architecture ?? ''} ${r.adapter?.description ?? ''}`);
    return r;
  },
  async load(modelId, force) {
    const model = findModel(modelId);
    // A forced runtime may name a model outside the manifest (tests load a missing one on purpose).
    if (!model && !force) throw new Error(`unknown model ${modelId}`);
    const choice = force ?? chooseRuntime(model!, await client.probe());
    if (choice instanceof EngineError) throw choice;
    status(`loading ${modelId} (${choice.dtype} on ${choice.device})…`);
    const ready = await client.load(
      { modelId, localModelPath: `${base}models/`, wasmPaths: `${base}ort/`, ...choice },
      (p) => status(`loading ${p.file}: ${p.totalLoaded} / ${p.totalBytes} bytes`),
    ).catch((e: unknown) => {
      status(`load failed: ${e instanceof EngineError ? `${e.code}: ${e.message} — ${e.fix}` : String(e)}`);
      throw e instanceof EngineError ? { code: e.code, message: e.message, fix: e.fix } : e;
    });
    status(`ready: ${modelId} ${ready.dtype} on ${ready.backend} in ${Math.round(ready.ms)} ms`);
    return { backend: ready.backend, dtype: ready.dtype, ms: ready.ms, ...(ready.ortBuild ? { ortBuild: ready.ortBuild } : {}) };
  },
  async generate(tokens, opts = {}) {
    const { events } = client.generate({
      tokens,
      sampling: opts.sampling ?? { temperature: 0, topP: 1, topK: 0, seed: 0 },
      stopTokens: opts.stopTokens ?? [],
      maxTokens: opts.maxTokens ?? 8,
    });
    const ids: number[] = [];
    for await (const e of events) {
      if (e.type === 'tokens') ids.push(...e.ids);
      if (e.type === 'done') {
        status(`done: ${ids.length} tokens (${e.reason})`);
        return { ids, stats: e.stats, reason: e.reason };
      }
    }
    throw new Error('generation ended without done');
  },
  respawns: () => client.respawns,
  async runUserTool(code, args, timeoutMs) {
    const { runInSandbox } = await import('../tools/user/sandbox');
    return runInSandbox(code, args, { timeoutMs }).then(
      (text) => ({ ok: true as const, text }),
      (e: { code?: string; message?: string }) => ({ ok: false as const, code: e.code ?? 'unknown', message: e.message ?? String(e) }),
    );
  },
  async baselineDecodeMs(modelId, device, dtype, tokens, steps) {
    const { AutoModelForCausalLM, Tensor, env } = await import('@huggingface/transformers');
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = `${base}models/`;
    (env.backends.onnx as { wasm?: { wasmPaths?: string } }).wasm!.wasmPaths = `${base}ort/`;
    const model = await AutoModelForCausalLM.from_pretrained(modelId, { device, dtype });
    const input = new Tensor('int64', BigInt64Array.from(tokens, BigInt), [1, tokens.length]);
    const run = async (n: number) => {
      const t0 = performance.now();
      await model.generate({ input_ids: input, max_new_tokens: n, min_new_tokens: n, do_sample: false, eos_token_id: [] } as never);
      return performance.now() - t0;
    };
    await run(1); // shader compilation and warm-up
    const one = await run(1);
    const many = await run(steps + 1);
    await model.dispose();
    return (many - one) / steps;
  },
};

(window as unknown as { __overtoneHarness: HarnessApi }).__overtoneHarness = api;
status('ready for commands');
