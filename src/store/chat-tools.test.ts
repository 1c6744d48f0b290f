// The chat store's settings reach the model: sampling overrides and the context cap, the person's own tools
// (declared to models that take them, answered by the person, approved or denied), regenerating any reply
// with the KV reuse reported, and the token inspector's data.
import { describe, expect, test } from 'vitest';
import { toolResultSuffix as toolSuffix } from '../../e2e/demo-flow';
import { branchInfo } from '../chat/tree';
import { decodeUtf8 } from '../harmony/encoding';
import { findModel } from '../models/manifest';
import { DENIED_TOOL_OUTPUT } from '../tools/user/approval';
import type { UserTool } from '../tools/user/types';
import type { ChatState } from './chat';
import { callTool, final, finalText, path, reply, setupChat, turnOf } from './testing/chat-setup';

const RANDOM = findModel('overtone-tiny-random')!; // takes the user's tools and instructions
const askMe = (fields: Partial<UserTool> = {}): UserTool => ({
  id: 'u1',
  name: 'lookup_word',
  description: 'Looks up a word in my glossary.',
  parameters: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
  implementation: { kind: 'ask' },
  approval: 'auto',
  timeoutMs: 2000,
  enabled: true,
  ...fields,
});

const nextPrompt = async (get: () => ChatState) => {
  for (let i = 0; i < 500 && get().toolPrompts.length === 0; i++) await new Promise((r) => setTimeout(r, 2));
  expect(get().toolPrompts).toHaveLength(1);
  return get().toolPrompts[0]!;
};

describe('settings reach the turn', () => {
  test("sampling overrides and the context cap; without them the manifest's sampling and a fresh seed", async () => {
    const s = setupChat([reply(final('One.')), reply(final('Two.'))]);
    const demo = findModel('overtone-tiny-demo')!;
    await s.get().send('First');
    expect(s.engine.scripted.requests[0]!.sampling).toEqual({ ...demo.sampling, seed: 7 });
    s.settings.getState().setSampling({ temperature: 0.3, topP: 0.8, seed: 5, maxTokens: 50 });
    s.settings.getState().setContextCap(1024);
    await s.get().send('Second');
    expect(s.engine.scripted.requests[1]).toMatchObject({ sampling: { ...demo.sampling, temperature: 0.3, topP: 0.8, seed: 5 }, maxTokens: 50 });
    expect(s.get().context!.limit).toBe(1024);
  });
});

describe('user tools', () => {
  test('an "ask me" tool: declared to the model, the person answers, the answer is the tool message the model reads next', async () => {
    const s = setupChat([reply(callTool('lookup_word', { word: 'harmony' })), reply(final('It means agreement.'))]);
    s.settings.getState().setModelId(RANDOM.id);
    s.settings.getState().saveUserTool(askMe());
    const sent = s.get().send('What does harmony mean?');
    const prompt = await nextPrompt(s.get);
    expect(prompt).toMatchObject({ kind: 'answer', tool: 'lookup_word', argsText: '{\n  "word": "harmony"\n}' });
    s.get().answerToolPrompt(prompt.id, { kind: 'result', text: 'agreement of sounds' });
    await sent;
    const [first, second] = s.engine.scripted.requests;
    expect(decodeUtf8(first!.tokens)).toContain('type lookup_word = (_: {\nword: string,\n}) => any;');
    expect(second!.tokens.slice(first!.tokens.length)).toEqual([...reply(callTool('lookup_word', { word: 'harmony' })).ids, ...toolSuffix('functions.lookup_word', 'agreement of sounds')]);
    expect(turnOf(s.get()).tools[0]).toMatchObject({ tool: 'lookup_word', status: 'ok', output: 'agreement of sounds' });
    expect(finalText(s.get())).toBe('It means agreement.');
    expect(s.get().toolPrompts).toEqual([]);
  });

  test('approval: Deny runs nothing and tells the model; Always switches the tool to automatic', async () => {
    const s = setupChat([
      reply(callTool('lookup_word', { word: 'a' })),
      reply(final('Denied, fine.')),
      reply(callTool('lookup_word', { word: 'b' })),
      reply(final('Thanks.')),
    ]);
    s.settings.getState().setModelId(RANDOM.id);
    s.settings.getState().saveUserTool(askMe({ approval: 'ask' }));
    const first = s.get().send('Look up a');
    const approval = await nextPrompt(s.get);
    expect(approval.kind).toBe('approval');
    s.get().answerToolPrompt(approval.id, 'deny');
    await first;
    const denied = turnOf(s.get()).tools[0]!;
    expect(denied).toMatchObject({ status: 'error', error: { code: 'tool-denied', message: DENIED_TOOL_OUTPUT } });
    const [r1, r2] = s.engine.scripted.requests;
    expect(decodeUtf8(r2!.tokens.slice(r1!.tokens.length))).toContain(JSON.stringify({ error: DENIED_TOOL_OUTPUT }));

    const second = s.get().send('Look up b');
    s.get().answerToolPrompt((await nextPrompt(s.get)).id, 'always');
    s.get().answerToolPrompt((await nextPrompt(s.get)).id, { kind: 'result', text: 'bee' });
    await second;
    expect(s.settings.getState().userTools[0]!.approval).toBe('auto');
    expect(turnOf(s.get()).tools[0]!.output).toBe('bee');
  });

  test('Stop while a question waits cancels it', async () => {
    const s = setupChat([reply(callTool('lookup_word', { word: 'a' }))]);
    s.settings.getState().setModelId(RANDOM.id);
    s.settings.getState().saveUserTool(askMe());
    const sent = s.get().send('Look up a');
    await nextPrompt(s.get);
    s.get().stop();
    await sent;
    expect(s.get().toolPrompts).toEqual([]);
    expect(turnOf(s.get()).status).toBe('stopped');
  });

  test('a model trained on a fixed prelude (the demo model) is not offered user tools', async () => {
    const s = setupChat([reply(final('Hi.'))]);
    s.settings.getState().saveUserTool(askMe());
    await s.get().send('Hello');
    expect(decodeUtf8(s.engine.scripted.requests[0]!.tokens)).not.toContain('lookup_word');
  });
});

describe('branches and the inspector', () => {
  test('regenerate an earlier reply: a sibling with ‹ 2/2 ›, its prompt re-prefilled from the cached prefix; switching back restores the later turns', async () => {
    const s = setupChat([reply(final('Apples.')), reply(final('Bananas.')), reply(final('Apples, again.'))]);
    await s.get().send('Fruit A?');
    await s.get().send('Fruit B?');
    const firstReply = path(s.get())[1]!.id;
    await s.get().regenerate(firstReply);
    expect(path(s.get()).map((n) => n.role)).toEqual(['user', 'assistant']);
    expect(finalText(s.get())).toBe('Apples, again.');
    const regenerated = path(s.get())[1]!.id;
    expect(branchInfo(s.get().conversation, regenerated)).toEqual({ index: 1, count: 2 });
    const stats = turnOf(s.get()).stats;
    expect(stats.reusedTokens).toBeGreaterThan(0);
    expect(stats.prefillTokens + stats.reusedTokens).toBe(s.engine.scripted.requests[2]!.tokens.length);
    s.get().switchBranch(regenerated, 0);
    expect(path(s.get())).toHaveLength(4);
    expect(finalText(s.get())).toBe('Bananas.');
  });

  test("inspectTurn: the turn's prompt and completion ids, as tokens, text and ids", async () => {
    const s = setupChat([reply(final('Hello!'))]);
    await s.get().send('Hi');
    const node = path(s.get())[1]!.id;
    const view = (await s.get().inspectTurn(node))!;
    const prompt = s.engine.scripted.requests[0]!.tokens;
    expect(view.inspection.promptCount).toBe(prompt.length);
    expect(view.inspection.completionCount).toBe(reply(final('Hello!')).ids.length);
    expect(view.inspection.parseError).toBeUndefined();
    expect(view.text).toContain('<|start|>user<|message|>Hi<|end|><|start|>assistant<|channel|>final<|message|>Hello!<|return|>');
    expect(view.ids.split(', ').map(Number)).toEqual([...prompt, ...reply(final('Hello!')).ids]);
    expect(await s.get().inspectTurn(path(s.get())[0]!.id)).toBeNull();
  });
});
