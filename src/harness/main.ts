// Engine harness page: the real EngineClient + inference worker, driven from Playwright (e2e/) through
// window.__overtoneHarness, with a status line for humans.
import { chooseRuntime, preflight, type PreflightCheck } from '../engine/capabilities';
import { EngineClient } from '../engine/client';
import { EngineError, type Backend, type DownloadProgress, type Dtype, type EngineErrorInfo, type GenerationStats, type LoadRequest, type ModelFile, type ProbeResult, type Sampling, type StoredModelInfo } from '../engine/protocol';
import { findModel } from '../models/manifest';
import { version as APP_VERSION } from '../../package.json';

const statusEl = document.getElementById('status')!;
const status = (s: string) => (statusEl.textContent = s);
const base = new URL(import.meta.env.BASE_URL, location.href).href;
// ?ort=asyncify names the worker so that src/engine/ort-web.ts takes the asyncify build (bench comparisons).
const workerName = new URLSearchParams(location.search).get('ort') === 'asyncify' ? 'overtone-engine ort=asyncify' : 'overtone-engine';
const client = new EngineClient(() => new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: workerName }));

type Ready = { backend: string; dtype: string; ms: number; ortBuild?: string };
type Runtime = { device: Backend; dtype: Dtype };

export interface HarnessApi {
  probe(): Promise<ProbeResult>;
  load(modelId: string, force?: { device: 'webgpu' | 'wasm'; dtype: 'fp32' | 'q4f16' }): Promise<{ backend: string; dtype: string; ms: number; ortBuild?: string }>;
  generate(tokens: number[], opts?: { maxTokens?: number; sampling?: Sampling; stopTokens?: number[] }): Promise<{ ids: number[]; stats: GenerationStats; reason: string }>;
  respawns(): number;
  /** A user-defined tool's code in its sandbox worker, under this page's CSP (issue 9; e2e/sandbox.e2e.ts). */
  runUserTool(code: string, args: unknown, timeoutMs: number): Promise<{ ok: true; text: string } | { ok: false; code: string; message: string }>;
  unload(): Promise<void>;
  /** Downloads a model from a hub (`host` ends with '/') into this browser's storage and loads it. */
  loadHub(modelId: string, hub: { host: string; repo: string; revision: string; files: ModelFile[] }, runtime: Runtime): Promise<Ready>;
  /** Loads the model folder picked in the page's #folder input (no network). `files`: the manifest's list, if known. */
  loadFolder(modelId: string, runtime: Runtime, files?: ModelFile[]): Promise<Ready>;
  /** What the model picker does on selecting a manifest model: preflight first, download only if it passes. */
  select(modelId: string, hubHost: string): Promise<{ errors: EngineErrorInfo[]; checks: PreflightCheck[]; loaded: Ready | null }>;
  pauseDownload(): void;
  resumeDownload(): void;
  cancelDownload(): void;
  /** download.progress events since the page loaded (or the last clear), each with the page time it arrived (`at`, ms). */
  downloads(clear?: boolean): (DownloadProgress & { at: number })[];
  listModels(): Promise<{ models: StoredModelInfo[]; backend: string }>;
  deleteModel(key: string): Promise<void>;
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
    const files = model?.files[choice.dtype];
    return load({ modelId, localModelPath: `${base}models/`, ...choice, ...(files ? { files } : {}) });
  },
  loadHub(modelId, hub, runtime) {
    return load({ modelId, ...runtime, source: { kind: 'hub', host: hub.host, repo: hub.repo, revision: hub.revision }, files: hub.files });
  },
  loadFolder(modelId, runtime, files) {
    const input = document.getElementById('folder') as HTMLInputElement;
    const picked = [...(input.files ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
    return load({ modelId, ...runtime, source: { kind: 'folder', files: picked }, ...(files ? { files } : {}) });
  },
  async select(modelId, hubHost) {
    const model = findModel(modelId);
    if (!model || model.source.kind !== 'hub') throw new Error(`${modelId} is not a hub model of the manifest`);
    const report = preflight(model, await client.probe());
    if (!report.choice) {
      status(`preflight: ${report.errors.map((e) => `${e.code}: ${e.message} — ${e.fix}`).join(' | ')}`);
      return { errors: report.errors.map((e) => e.toInfo()), checks: report.checks, loaded: null };
    }
    const { repo, revision } = model.source;
    const loaded = await api.loadHub(modelId, { host: hubHost, repo, revision, files: model.files[report.choice.dtype]! }, report.choice);
    return { errors: [], checks: report.checks, loaded };
  },
  pauseDownload: () => client.pauseDownload(),
  resumeDownload: () => client.resumeDownload(),
  cancelDownload: () => client.cancelDownload(),
  downloads(clear) {
    const out = [...downloads];
    if (clear) downloads.length = 0;
    return out;
  },
  listModels: () => client.listModels(),
  deleteModel: (key) => client.deleteModel(key),
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
  unload: () => client.unload(),
  async baselineDecodeMs(modelId, device, dtype, tokens, steps) {
    const { AutoModelForCausalLM, Tensor, env } = await import('@huggingface/transformers');
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = `${base}models/`;
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

const downloads: (DownloadProgress & { at: number })[] = [];
client.subscribe((e) => {
  if (e.type !== 'download.progress') return;
  const { type: _type, ...p } = e;
  downloads.push({ ...p, at: performance.now() });
  status(`download ${p.state}: ${p.file ?? ''} ${p.storedBytes} / ${p.totalBytes} bytes (${p.percent.toFixed(1)} %)`);
});

/** Loads through the worker, reporting on the status line; failures come back as plain {code, message, fix}. */
async function load(req: Omit<LoadRequest, 'type'>): Promise<Ready> {
  status(`loading ${req.modelId} (${req.dtype} on ${req.device})…`);
  const ready = await client.load({ appVersion: APP_VERSION, ...req }, (p) => status(`loading ${p.file}: ${p.totalLoaded} / ${p.totalBytes} bytes`)).catch((e: unknown) => {
    status(`load failed: ${e instanceof EngineError ? `${e.code}: ${e.message} — ${e.fix}` : String(e)}`);
    throw e instanceof EngineError ? e.toInfo() : e;
  });
  status(`ready: ${req.modelId} ${ready.dtype} on ${ready.backend} in ${Math.round(ready.ms)} ms`);
  return { backend: ready.backend, dtype: ready.dtype, ms: ready.ms, ...(ready.ortBuild ? { ortBuild: ready.ortBuild } : {}) };
}

(window as unknown as { __overtoneHarness: HarnessApi }).__overtoneHarness = api;
status('ready for commands');
