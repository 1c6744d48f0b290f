import { describe, expect, test } from 'vitest';
import { questionPrompt } from '../../e2e/demo-flow';
import { message, toolResultMessage } from '../harmony/builders';
import { decodeUtf8 } from '../harmony/encoding';
import { renderConversationForCompletion } from '../harmony/render';
import type { Message } from '../harmony/types';
import { findModel } from '../models/manifest';
import { BUILTIN_TOOLS } from '../tools/registry';
import { localDate, offeredTools, pathMessages, preludeMessages, renderPrompt } from './prompt';
import type { AssistantNode, UserNode } from './types';

const DEMO = findModel('overtone-tiny-demo')!;
const GPT_OSS = findModel('gpt-oss-20b')!;
const MARCH = new Date(2027, 2, 9, 10, 0);

describe('the prompt', () => {
  test("the demo model's prompt is byte-for-byte what it was trained on, whatever the user's settings", () => {
    for (const settings of [
      { effort: 'low' as const, instructions: '', enabledTools: ['calculator', 'get_current_time'], today: MARCH },
      { effort: 'low' as const, instructions: 'Answer in French.', enabledTools: [], today: new Date() },
    ]) {
      const prompt = renderPrompt([...preludeMessages(DEMO, settings), message('user', 'What is 17 * 23?')]);
      expect(prompt).toEqual(questionPrompt('What is 17 * 23?'));
    }
  });

  test('gpt-oss-20b gets today, the effort, the instructions and the enabled tools', () => {
    const [system, developer] = preludeMessages(GPT_OSS, { effort: 'high', instructions: 'Be brief.', enabledTools: ['get_current_time'], today: MARCH });
    const text = decodeUtf8(renderConversationForCompletion([system!, developer!], 'assistant'));
    expect(text).toContain('Current date: 2027-03-09');
    expect(text).toContain('Knowledge cutoff: 2024-06');
    expect(text).toContain('Reasoning: high');
    expect(text).toContain('# Instructions\n\nBe brief.');
    expect(text).toContain('type get_current_time');
    expect(text).not.toContain('type calculator');
    expect(text).toContain("Calls to these tools must go to the commentary channel: 'functions'.");
  });

  test('no tools and no instructions: no developer message at all', () => {
    const msgs = preludeMessages(GPT_OSS, { effort: 'medium', instructions: '  ', enabledTools: [], today: MARCH });
    expect(msgs.map((m) => m.author.role)).toEqual(['system']);
    expect(decodeUtf8(renderPrompt(msgs))).not.toContain('functions');
  });

  test('offered tools: the trained set for the demo model, the enabled ones in registry order otherwise', () => {
    expect(offeredTools(DEMO, []).map((t) => t.description.name)).toEqual(['calculator', 'get_current_time']);
    expect(offeredTools(GPT_OSS, ['get_current_time', 'calculator']).map((t) => t.description.name)).toEqual(['calculator', 'get_current_time']);
    expect(() => offeredTools({ ...DEMO, prelude: { ...DEMO.prelude, functionTools: { kind: 'fixed', names: ['nope'] } } }, [], BUILTIN_TOOLS)).toThrow('registry lacks');
    expect(localDate(MARCH)).toBe('2027-03-09');
  });

  test("the second turn's prompt drops the first turn's analysis, exactly as the renderer's §6.1", () => {
    const prelude = preludeMessages(DEMO, { effort: 'low', instructions: '', enabledTools: [], today: MARCH });
    const think = message('assistant', 'SECRET-THOUGHT compute it', { channel: 'analysis' });
    const callMsg = message('assistant', '{"expression":"17 * 23"}', { channel: 'commentary', recipient: 'functions.calculator', contentType: '<|constrain|>json' });
    const turn1: Message[] = [think, callMsg, toolResultMessage('functions.calculator', '391'), message('assistant', '391.', { channel: 'final' })];
    const path: (UserNode | AssistantNode)[] = [
      { id: 'u1', parentId: 'root', role: 'user', text: 'What is 17 * 23?', children: ['a1'], activeChild: 0, createdAt: 0 },
      { id: 'a1', parentId: 'u1', role: 'assistant', turn: { modelId: DEMO.id, effort: 'low', messages: turn1, tools: [], status: 'done', warnings: [], stats: { prefillTokens: 0, prefillMs: 0, decodeTokens: 0, decodeMs: 0, reusedTokens: 0, analysisTokens: 0, finalTokens: 0, rounds: 2 }, startedAt: 0 }, children: ['u2'], activeChild: 0, createdAt: 0 },
      { id: 'u2', parentId: 'a1', role: 'user', text: 'Thanks!', children: [], activeChild: 0, createdAt: 0 },
    ];
    const history = pathMessages(path);
    expect(history).toHaveLength(6);
    const prompt = renderPrompt([...prelude, ...history]);
    const text = decodeUtf8(prompt);
    expect(text).not.toContain('SECRET-THOUGHT');
    expect(text).toContain('<|start|>functions.calculator to=assistant<|channel|>commentary<|message|>391<|end|>');
    expect(prompt).toEqual(renderConversationForCompletion([...prelude, message('user', 'What is 17 * 23?'), ...turn1.slice(1), message('user', 'Thanks!')], 'assistant'));
    // While the first turn is the last one (no final after it yet), nothing is dropped.
    expect(decodeUtf8(renderPrompt([...prelude, message('user', 'What is 17 * 23?'), think, callMsg]))).toContain('SECRET-THOUGHT');
  });
});
