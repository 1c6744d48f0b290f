// The agent loop on the REAL engine: the trained demo model through EngineClient + the engine core
// (transformers.js on onnxruntime-node CPU, public/models built by `npm run prepare:assets`), greedy.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EngineClient } from '../engine/client';
import { InProcessWorker } from '../engine/testing/in-process-worker';
import { message } from '../harmony/builders';
import { findModel } from '../models/manifest';
import { runTurn } from './agent';
import { offeredTools, preludeMessages, renderPrompt } from './prompt';

const DEMO = findModel('overtone-tiny-demo')!;
const GREEDY = { temperature: 0, topP: 1, topK: 0, seed: 0 };

describe('agent loop on the real engine with the demo model', () => {
  const client = new EngineClient(() => new InProcessWorker());
  beforeAll(() => client.load({ modelId: DEMO.id, localModelPath: resolve('public/models') + '/', device: 'cpu', dtype: 'q4f16' }), 60_000);
  afterAll(() => client.dispose());

  test('"What is 17 * 23?": the real calculator runs, the answer says 391, round 2 reuses the KV cache', async () => {
    const settings = { effort: 'low' as const, instructions: '', enabledTools: [], today: new Date() };
    const conversation = [...preludeMessages(DEMO, settings), message('user', 'What is 17 * 23?')];
    const turn = await runTurn({ engine: client, model: DEMO, conversation, tools: offeredTools(DEMO, settings.enabledTools), effort: 'low', sampling: GREEDY, maxTokens: 160 });

    expect(turn).toMatchObject({ status: 'done', stopReason: 'stop' });
    expect(turn.tools).toHaveLength(1);
    const run = turn.tools[0]!;
    expect(run).toMatchObject({ recipient: 'functions.calculator', status: 'ok', output: '391' });
    expect(JSON.parse(run.argsText)).toEqual({ expression: '17 * 23' });
    const answer = turn.messages.at(-1)!;
    expect(answer.channel).toBe('final');
    expect(answer.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('391') });
    expect(turn.messages.map((m) => m.channel)).toEqual(['analysis', 'commentary', 'commentary', 'final']);

    const [round1, round2] = turn.stats.roundStats!;
    expect(turn.stats.rounds).toBe(2);
    expect(round2!.reusedTokens).toBe(renderPrompt(conversation).length + round1!.decodeTokens - 1);
    expect(turn.stats.analysisTokens).toBeGreaterThan(0);
    expect(turn.stats.finalTokens).toBeGreaterThan(0);
    expect(turn.contextTokens).toBe(round2!.prefillTokens + round2!.reusedTokens + round2!.decodeTokens);
    console.log(`demo turn: ${turn.messages.map((m) => `[${m.channel}${m.recipient ? ` to=${m.recipient}` : ''}] ${m.content[0]?.type === 'text' ? m.content[0].text : ''}`).join(' | ')}`);
  }, 120_000);
});
