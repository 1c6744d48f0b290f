// `npm run eval:demo`: greedy decoding of the held-out conversations through the real engine core
// (transformers.js + onnxruntime-node CPU on public/models/overtone-tiny-demo), parsed by our Harmony parser
// in strict mode; tool calls are executed and generation continues on the reused KV cache.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { SPECIAL } from '../../src/harmony/encoding';
import { toolResultMessage } from '../../src/harmony/builders';
import { parseMessagesFromCompletionTokens } from '../../src/harmony/parser';
import { renderMessage } from '../../src/harmony/render';
import type { Message } from '../../src/harmony/types';
import type { EngineEvent, Sampling } from '../../src/engine/protocol';
import { EngineCore } from '../../workers/engine-core';
import { ASSISTANT_HEADER, DATA_SEED, HELDOUT_COUNT, generate, promptIds, renderExample } from './dataset';
import { DEMO_MODEL_ID, ARTIFACTS_DIR } from './export';
import { scoreTurn, type TurnResult } from './score';
import { runDemoTool } from './tool-runner';

const GREEDY: Sampling = { temperature: 0, topP: 1, topK: 0, seed: 0 };
const STOPS = [SPECIAL.return, SPECIAL.call];
const dtype = (process.argv.find((a) => a.startsWith('--dtype='))?.slice(8) ?? 'q4f16') as 'q4f16' | 'fp32';
const verbose = process.argv.includes('--verbose');
const limit = Number(process.argv.find((a) => a.startsWith('--limit='))?.slice(8) ?? Infinity);

const vocab = new Set(JSON.parse(readFileSync(resolve(ARTIFACTS_DIR, 'vocab.json'), 'utf8')) as number[]);
const heldout = generate('heldout', HELDOUT_COUNT, DATA_SEED + 1).filter((ex) => renderExample(ex).ids.every((id) => vocab.has(id))).slice(0, limit);

let events: EngineEvent[] = [];
const core = new EngineCore((e) => events.push(e));
await core.load({ type: 'load', modelId: DEMO_MODEL_ID, localModelPath: resolve('public/models') + '/', device: 'cpu', dtype });

let n = 0;
async function gen(tokens: number[]): Promise<{ ids: number[]; stopped: boolean; reused: number }> {
  events = [];
  const requestId = `e${n++}`;
  await core.generate({ type: 'generate', requestId, tokens, sampling: GREEDY, stopTokens: STOPS, maxTokens: 160 });
  const ids = events.flatMap((e) => (e.type === 'tokens' ? e.ids : []));
  const done = events.find((e) => e.type === 'done');
  const reused = events.find((e) => e.type === 'prefill.done');
  return { ids, stopped: done?.type === 'done' && done.reason === 'stop', reused: reused?.type === 'prefill.done' ? reused.reusedTokens : 0 };
}

const results: (TurnResult & { kind: string })[] = [];
const failures: string[] = [];
let reusedTotal = 0;
const t0 = performance.now();
for (const ex of heldout) {
  const clock = ex.expect.toolOutput && ex.expect.kind === 'time' ? ex.expect.toolOutput : '12:00';
  let messages: Message[] | null = [];
  let tokens = promptIds(ex);
  try {
    for (let step = 0; step < 3; step++) {
      const out = await gen(tokens);
      reusedTotal += out.reused;
      if (!out.stopped) throw new Error('no stop token within 160 tokens');
      const parsed = parseMessagesFromCompletionTokens(out.ids, 'assistant', { strict: true });
      messages.push(...parsed);
      tokens = [...tokens, ...out.ids];
      if (out.ids[out.ids.length - 1] !== SPECIAL.call) break;
      const call = parsed[parsed.length - 1]!;
      const text = call.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
      const output = runDemoTool(call.recipient ?? '', text, clock);
      tokens.push(...renderMessage(toolResultMessage(call.recipient ?? '', output)), ...ASSISTANT_HEADER);
    }
  } catch (e) {
    if (failures.length < 5) failures.push(`${ex.prompt[ex.prompt.length - 1]!.content.map((c) => (c.type === 'text' ? c.text : '')).join('')} -> ${(e as Error).message}`);
    messages = null;
  }
  const scored = scoreTurn(messages, ex.expect);
  results.push({ kind: ex.expect.kind, ...scored });
  if (verbose && (!scored.rightTool || scored.rightArgs === false || scored.finalStatesResult === false)) {
    const said = (messages ?? []).map((m) => `[${m.channel ?? ''}${m.recipient ? ' to=' + m.recipient : ''}] ${m.content.map((c) => (c.type === 'text' ? c.text : '')).join('')}`);
    console.log(`  miss (${ex.expect.kind}, want ${JSON.stringify(ex.expect.args ?? null)} -> ${ex.expect.toolOutput ?? '-'}): ${said.join(' | ')}`);
  }
}
await core.unload();

const pct = (xs: boolean[]) => (xs.length ? (100 * xs.filter(Boolean).length) / xs.length : NaN);
const tool = results.filter((r) => r.rightArgs !== undefined);
const figures = {
  wellFormed: pct(results.map((r) => r.wellFormed)),
  rightTool: pct(results.map((r) => r.rightTool)),
  rightArgs: pct(tool.map((r) => r.rightArgs === true)),
  finalStatesResult: pct(tool.map((r) => r.finalStatesResult === true)),
};
const goals = { wellFormed: 99, rightTool: 95, rightArgs: 90, finalStatesResult: 90 };
console.log(`eval:demo ${DEMO_MODEL_ID} ${dtype} on Node CPU (${cpus()[0]?.model ?? 'cpu'}), ${new Date().toISOString()}`);
console.log(`held-out conversations: ${results.length} (${tool.length} with a tool call; kinds ${JSON.stringify(Object.fromEntries(['calc', 'time', 'greeting', 'explain'].map((k) => [k, results.filter((r) => r.kind === k).length])))})`);
for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(18)} ${v.toFixed(1)}%  (goal >= ${goals[k as keyof typeof goals]}%)`);
console.log(`  reused KV tokens ${reusedTotal}; ${((performance.now() - t0) / 1000).toFixed(1)} s`);
for (const f of failures) console.log(`  failure: ${f}`);
const pass = Object.entries(figures).every(([k, v]) => v >= goals[k as keyof typeof goals]);
process.exitCode = pass ? 0 : 1;
