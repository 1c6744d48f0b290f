// `npm run bench:load` (after `npm run build`): the whole download + load path on a >= 1 GB model. Builds a
// wide random fp32 twin with the tiny-model builder (cached in the OS temp folder), serves it from the fake
// hub (scripts/fake-hub.ts) on 127.0.0.1, and in Chromium (the app's real worker through harness.html)
// downloads it into OPFS and loads it; then loads it again from OPFS alone. Prints the times and the
// renderer's peak RSS growth (a dedicated worker lives in its page's renderer) while downloading and while
// creating the session. Backend: ORT's CPU (wasm) build by default, which keeps the weights in its wasm heap
// (so the load figure includes the model itself); `-- --webgpu` uses WebGPU on SwiftShader, where the weights
// go to the GPU process (on this VM SwiftShader hung creating 1 GB sessions more often than not).
// No assertions: figures go to docs/downloads.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { DownloadProgress, ModelFile } from '../src/engine/protocol';
import { installFolder } from './atomic-write';
import { startFakeHub } from './fake-hub';
import { describeModel } from './model-files';
import { chromiumChildren, startPeakWatch } from './proc-memory';
import { buildModelFiles, VARIANTS, writeModelFiles } from './tiny-model/build';
import { TINY_RANDOM, type TinyConfig } from './tiny-model/config';
import { randomWeights } from './tiny-model/weights';

/**
 * A gpt-oss twin of about 1.08 GB: 8 layers of 128 4-bit experts (~790 MB) and a 201,088 x 320 fp32 embedding
 * (257 MB, the largest tensor). Chromium on SwiftShader hung creating a single 491 MiB GPU buffer (a 640-wide
 * embedding) and loads 257 MB ones, so the size comes from many tensors, as in gpt-oss-20b.
 */
const BENCH: TinyConfig = { ...TINY_RANDOM, hiddenSize: 320, numHeads: 5, numKvHeads: 1, headDim: 64, numLayers: 8, numExperts: 128, expertsPerToken: 4, intermediateSize: 1280 };
const ID = 'overtone-bench-1g';
const CHUNKS = 4;
const MINI = 'overtone-bench-mini';
const REPO = `bench/${ID}`;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function buildTwin(dir: string): void {
  const stamp = JSON.stringify({ v: 2, config: BENCH, chunks: CHUNKS });
  const current = (d: string) => existsSync(join(d, '.stamp')) && readFileSync(join(d, '.stamp'), 'utf8') === stamp;
  if (current(dir)) return;
  const t0 = performance.now();
  installFolder(dir, (tmp) => {
    writeModelFiles(tmp, buildModelFiles(BENCH, randomWeights(BENCH, 11, true), CHUNKS, [VARIANTS[0]!]));
    writeFileSync(join(tmp, '.stamp'), stamp);
  }, current);
  console.log(`built ${ID} in ${s(performance.now() - t0)} -> ${dir}`);
}

const root = join(tmpdir(), 'overtone-bench-load');
mkdirSync(root, { recursive: true });
const dir = join(root, ID);
buildTwin(dir);
const miniDir = resolve('dist/models', MINI);
if (!existsSync(resolve('dist/harness.html'))) throw new Error('dist/ is missing: run `npm run build` first');
if (!existsSync(join(miniDir, 'config.json'))) writeModelFiles(miniDir, buildModelFiles({ ...TINY_RANDOM, vocabSize: 1024 }, randomWeights({ ...TINY_RANDOM, vocabSize: 1024 }, 7), 2, [VARIANTS[0]!]));

const described = describeModel((p) => (existsSync(join(dir, p)) ? readFileSync(join(dir, p)) : undefined)).fp32!;
const files: ModelFile[] = described.files;
const total = files.reduce((n, f) => n + f.bytes, 0);
console.log(`bench:load — ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}`);
console.log(`model ${ID} fp32: ${files.length} files, ${mib(total)} (${total.toLocaleString('en')} bytes), ${CHUNKS} external-data chunks of ${files.filter((f) => f.path.includes('_data')).map((f) => mib(f.bytes)).join(' / ')}, largest tensor ${mib(described.largestTensorBytes)}`);

const hub = await startFakeHub({ [REPO]: dir });
const { openApp } = await import('../e2e/browser');
// The fake hub is another origin, like the real hub: the page's CSP names it as it names the manifest's hosts.
const page = await openApp('/harness.html', { connectSrc: [new URL(hub.url).origin] });
try {
  await page.page.waitForFunction(() => '__overtoneHarness' in window);
  type Call = <T>(fn: string, ...args: unknown[]) => Promise<T>;
  const call: Call = <R>(fn: string, ...args: unknown[]) =>
    page.page.evaluate(([f, a]) => ((window as unknown as { __overtoneHarness: Record<string, (...x: unknown[]) => Promise<unknown>> }).__overtoneHarness[f as string]!(...(a as unknown[]))) as Promise<R>, [fn, args] as const);
  const runtime = { device: process.argv.includes('--webgpu') ? 'webgpu' : 'wasm', dtype: 'fp32' };
  const hubArgs = { host: hub.url, repo: REPO, revision: 'bench', files };
  /**
   * One load in a freshly loaded page (a new worker and GPU device; SwiftShader did not take a second 1 GB
   * session beside the first), after ORT's one-time start (wasm compile, heap) was paid by a tiny model, so
   * it is not counted. Peaks are taken separately for the download and for session creation.
   */
  const measure = async (label: string) => {
    await page.page.reload();
    await page.page.waitForFunction(() => '__overtoneHarness' in window);
    const { renderers, gpu } = chromiumChildren(page.profile);
    await call('load', MINI, runtime);
    await call('downloads', true);
    let watch = startPeakWatch(renderers);
    const gpuWatch = startPeakWatch(gpu);
    const t0 = performance.now();
    const loading = call<{ ms: number; ortBuild?: string }>('loadHub', ID, hubArgs, runtime);
    let downloadPeak = 0;
    let settled = false;
    void loading.finally(() => (settled = true)).catch(() => {});
    while (!settled) {
      const events = await call<DownloadProgress[]>('downloads');
      if (events.some((e) => e.state === 'done')) {
        downloadPeak = Math.max(...watch.peakGrowthBytes().values());
        watch = startPeakWatch(renderers);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const ready = await loading;
    const ms = performance.now() - t0;
    const loadPeak = Math.max(...watch.peakGrowthBytes().values());
    const events = await call<(DownloadProgress & { at: number })[]>('downloads', true);
    const downloading = events.filter((e) => e.state === 'downloading');
    const done = events.find((e) => e.state === 'done');
    const downloadMs = downloading.length && done ? done.at - downloading[0]!.at : 0;
    const gpuPeak = Math.max(0, ...gpuWatch.peakGrowthBytes().values());
    console.log(`${label}: total ${s(ms)} (download ${downloadMs ? `${s(downloadMs)}, ${(total / 2 ** 20 / (downloadMs / 1000)).toFixed(0)} MiB/s incl. SHA-256` : 'none'}, then session creation), ORT ${ready.ortBuild} build`);
    console.log(`  renderer (page + worker) peak RSS growth: ${downloadMs ? `downloading +${mib(downloadPeak)}, ` : ''}opening files + session creation +${mib(loadPeak)} (largest tensor ${mib(described.largestTensorBytes)}, model ${mib(total)}); GPU process (SwiftShader holds the weights) +${mib(gpuPeak)}`);
  };
  await measure('first load (download from the fake hub into OPFS, verify, load)');
  const requestsBefore = hub.fileRequests().length;
  await measure('second load (from OPFS, no download)');
  console.log(`requests to the hub during the second load: ${hub.fileRequests().length - requestsBefore}`);
} finally {
  await page.close();
  await hub.close();
}
