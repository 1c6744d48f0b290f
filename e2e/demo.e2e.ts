// The trained demo model in the real app's worker (Chromium): it thinks, calls the calculator with the right
// JSON, reads the tool result from the reused KV cache and answers; a greeting gets no tool call. It runs on
// the browser's CPU (wasm) backend: on SwiftShader WebGPU one decode step takes ~8–12 s (50 steps ≈ 8 min) and
// ORT's QMoE is unreliable there (docs/webgpu-qmoe-investigation.md); e2e/engine.e2e.ts covers WebGPU.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseMessagesFromCompletionTokens } from '../src/harmony/parser';
import type { HarnessApi } from '../src/harness/main';
import { openApp, type E2eSession } from './browser';
import { questionPrompt, STOPS, toolResultSuffix } from './demo-flow';

let s: E2eSession;
type Result = { ids: number[]; reason: string; stats: { reusedTokens: number } };
const generate = (tokens: number[]) =>
  s.page.evaluate(([t, stops]) => (window as unknown as { __overtoneHarness: HarnessApi }).__overtoneHarness.generate(t, { maxTokens: 120, stopTokens: stops }), [tokens, STOPS] as const) as Promise<Result>;

beforeAll(async () => {
  s = await openApp('/harness.html');
  await s.page.waitForFunction(() => '__overtoneHarness' in window);
  await s.page.evaluate(() => (window as unknown as { __overtoneHarness: HarnessApi }).__overtoneHarness.load('overtone-tiny-demo', { device: 'wasm', dtype: 'fp32' }));
});
afterAll(() => s?.close());

test('"What is 17 * 23?": analysis, a calculator call, then a final answer with 391 on the reused cache', async () => {
  const prompt = questionPrompt('What is 17 * 23?');
  const first = await generate(prompt);
  expect(first.reason).toBe('stop');
  const turn = parseMessagesFromCompletionTokens(first.ids, 'assistant', { strict: true });
  expect(turn.map((m) => m.channel)).toEqual(['analysis', 'commentary']);
  const callMsg = turn[1]!;
  expect(callMsg.recipient).toBe('functions.calculator');
  expect(callMsg.contentType).toBe('<|constrain|>json');
  expect(JSON.parse(callMsg.content[0]!.type === 'text' ? callMsg.content[0]!.text : '')).toEqual({ expression: '17 * 23' });

  const next = [...prompt, ...first.ids, ...toolResultSuffix('functions.calculator', '391')];
  const second = await generate(next);
  expect(second.stats.reusedTokens).toBe(prompt.length + first.ids.length - 1);
  const answer = parseMessagesFromCompletionTokens(second.ids, 'assistant', { strict: true });
  expect(answer.at(-1)?.channel).toBe('final');
  expect(answer.at(-1)?.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('391') });
});

test('a greeting gets a final answer and no tool call', async () => {
  const r = await generate(questionPrompt('Hello!'));
  const msgs = parseMessagesFromCompletionTokens(r.ids, 'assistant', { strict: true });
  expect(msgs.at(-1)?.channel).toBe('final');
  expect(msgs.every((m) => m.recipient === undefined)).toBe(true);
});
