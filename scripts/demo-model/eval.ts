// `npm run eval:demo [-- --dtype=fp32] [--limit=N] [--models=DIR] [--browser=N] [--temperature=T] [--verbose]`: the
// held-out conversations (heldout-conversations.ts, a generator separate from the training data's) through the real
// engine core (transformers.js + onnxruntime-node CPU on public/models/overtone-tiny-demo, or DIR/overtone-tiny-demo),
// greedy (or sampled at T with seeds 1, 2, 3, ... per generation, as the app samples), strict Harmony parser,
// tools run and generation continued on the reused KV cache. Prints the goal figures with a breakdown by
// category, surface feature and effort. Then the first 20 conversations (--browser=N) in Chromium on the
// browser's CPU (wasm) backend through the app's real worker, when dist/ holds the same model (`npm run build`);
// --limit=0 skips the Node run.
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import type { EngineEvent } from '../../src/engine/protocol';
import { EngineCore } from '../../workers/engine-core';
import { runConversation, MAX_TOKENS, STOPS, type ConversationResult, type Generate } from './eval-loop';
import { DEMO_MODEL_ID } from './export';
import { GOALS, figures, groupBy, meetsGoals, table } from './figures';
import { heldoutSet, type EvalConversation } from './heldout-conversations';

const GREEDY = { temperature: 0, topP: 1, topK: 0, seed: 0 };
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dtype = (arg('dtype') ?? 'q4f16') as 'q4f16' | 'fp32';
const limit = Number(arg('limit') ?? Infinity);
const models = resolve(arg('models') ?? 'public/models');
/** The built app serves the same demo model as the Node run (else its figures would describe another model). */
const distIsCurrent = (): boolean => {
  const same = (name: string) => {
    const [built, here] = [resolve('dist/models', DEMO_MODEL_ID, 'onnx', name), resolve(models, DEMO_MODEL_ID, 'onnx', name)];
    return existsSync(built) && existsSync(here) && readFileSync(built).equals(readFileSync(here));
  };
  return existsSync(resolve('dist', 'harness.html')) && same('model.onnx') && same('model.onnx_data');
};
const browserSample = Number(arg('browser') ?? (distIsCurrent() ? 20 : 0));
const verbose = process.argv.includes('--verbose');
const temperature = Number(arg('temperature') ?? 0);
if (!(temperature >= 0)) throw new Error('--temperature must be a number >= 0');

async function nodeEngine(): Promise<{ generate: Generate; close(): Promise<void> }> {
  let events: EngineEvent[] = [];
  const core = new EngineCore((e) => events.push(e));
  await core.load({ type: 'load', modelId: DEMO_MODEL_ID, localModelPath: models + '/', device: 'cpu', dtype });
  let n = 0;
  const generate: Generate = async (tokens) => {
    events = [];
    await core.generate({ type: 'generate', requestId: `e${n++}`, tokens, sampling: { ...GREEDY, temperature, seed: n }, stopTokens: STOPS, maxTokens: MAX_TOKENS });
    const ids = events.flatMap((e) => (e.type === 'tokens' ? e.ids : []));
    const done = events.find((e) => e.type === 'done');
    const prefill = events.find((e) => e.type === 'prefill.done');
    return { ids, stopped: done?.type === 'done' && done.reason === 'stop', reused: prefill?.type === 'prefill.done' ? prefill.reusedTokens : 0 };
  };
  return { generate, close: () => core.unload() };
}

/** The app's worker in Chromium on the wasm backend (fp32 twin), through the engine harness page. */
async function browserEngine(): Promise<{ generate: Generate; close(): Promise<void> }> {
  if (!distIsCurrent()) throw new Error('--browser needs the built app with this demo model: run `npm run build` first.');
  const { openApp } = await import('../../e2e/browser');
  type Harness = { __overtoneHarness: import('../../src/harness/main').HarnessApi };
  const s = await openApp('/harness.html');
  await s.page.waitForFunction(() => '__overtoneHarness' in window);
  await s.page.evaluate((id) => (window as unknown as Harness).__overtoneHarness.load(id, { device: 'wasm', dtype: 'fp32' }), DEMO_MODEL_ID);
  const generate: Generate = async (tokens) => {
    const r = await s.page.evaluate(
      ([t, stops, max]) => (window as unknown as Harness).__overtoneHarness.generate(t, { maxTokens: max, stopTokens: stops }),
      [tokens, STOPS, MAX_TOKENS] as const,
    );
    return { ids: r.ids, stopped: r.reason === 'stop', reused: r.stats.reusedTokens };
  };
  return { generate, close: () => s.close() };
}

async function run(name: string, engine: { generate: Generate; close(): Promise<void> }, set: readonly EvalConversation[]): Promise<boolean> {
  const t0 = performance.now();
  const done: ConversationResult[] = [];
  for (const conv of set) {
    const r = await runConversation(engine.generate, conv);
    done.push(r);
    if (verbose && r.results.some((x) => !x.fullyRight)) for (const line of r.transcript) console.log(`  miss (${conv.effort}): ${line}`);
  }
  await engine.close();
  const results = done.flatMap((d) => d.results);
  const f = figures(results);
  console.log(`\neval:demo ${DEMO_MODEL_ID} ${name}, ${new Date().toISOString()}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`held-out: ${set.length} conversations, ${f.turns} user turns (${f.toolTurns} need a tool), ${done.reduce((s, d) => s + d.reused, 0)} prompt tokens reused from the KV cache`);
  for (const k of Object.keys(GOALS) as (keyof typeof GOALS)[]) console.log(`  ${k.padEnd(22)} ${f[k].toFixed(1)}%  (goal >= ${GOALS[k]}%)`);
  console.log(`  ${'declined (out of scope)'.padEnd(22)} ${f.declined.toFixed(1)}%`);
  console.log(`  ${'fully right turns'.padEnd(22)} ${f.fullyRight.toFixed(1)}%`);
  for (const line of [
    ...table('category', groupBy(results, (r) => [r.category])),
    ...table('feature', groupBy(results, (r) => (r.features.length ? r.features : ['plain']))),
    ...table('effort', groupBy(results, (r) => [r.effort])),
  ]) console.log(line);
  for (const d of done.filter((x) => x.failure).slice(0, 5)) console.log(`  malformed: ${d.failure}`);
  return meetsGoals(f);
}

const all = heldoutSet();
const set = all.slice(0, limit);
let pass = true;
const how = temperature > 0 ? `temperature ${temperature}, seeded` : 'greedy';
if (set.length > 0) pass = await run(`${dtype}, ${how}, on Node CPU (${cpus()[0]?.model ?? 'cpu'})`, await nodeEngine(), set);
if (browserSample > 0) pass = (await run('fp32, greedy, in Chromium on the browser CPU (wasm) backend', await browserEngine(), all.slice(0, browserSample))) && pass;
else console.log('\nNo browser sample: dist/ is missing or serves another demo model (`npm run build`, or --browser=N).');
process.exitCode = pass ? 0 : 1;
