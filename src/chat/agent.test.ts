// The agent loop against a scripted engine replaying Harmony id streams (built with the renderer).
import { describe, expect, test } from 'vitest';
import { toolResultSuffix } from '../../e2e/demo-flow';
import { EngineError, FIXES } from '../engine/protocol';
import { message, toolResultMessage } from '../harmony/builders';
import { encodeOrdinary, SPECIAL } from '../harmony/encoding';
import { encodeWithSpecials } from '../harmony/testing/tokens';
import type { Message } from '../harmony/types';
import { findModel } from '../models/manifest';
import { BUILTIN_TOOLS } from '../tools/registry';
import type { ToolDefinition } from '../tools/types';
import { runTurn, type TurnOptions } from './agent';
import { preludeMessages, renderPrompt } from './prompt';
import { completionIds, ScriptedEngine, type Completion } from './testing/scripted-engine';
import type { AssistantTurn } from './types';

const DEMO = findModel('overtone-tiny-demo')!;
const NOW = new Date('2026-01-15T12:05:00Z');
const CONVERSATION = [
  ...preludeMessages(DEMO, { effort: 'low', instructions: '', enabledTools: [], today: NOW }),
  message('user', 'What is 17 * 23?'),
];
const PROMPT = renderPrompt(CONVERSATION);

const analysis = (text: string): Message => message('assistant', text, { channel: 'analysis' });
const final = (text: string): Message => message('assistant', text, { channel: 'final' });
const preamble = (text: string): Message => message('assistant', text, { channel: 'commentary' });
const callText = (tool: string, args: string): Message =>
  message('assistant', args, { channel: 'commentary', recipient: `functions.${tool}`, contentType: '<|constrain|>json' });
const call = (tool: string, args: Record<string, unknown>): Message => callText(tool, JSON.stringify(args));
const text = (m: Message | undefined): string => (m?.content[0]?.type === 'text' ? m.content[0].text : '');

async function turn(script: Completion[], opts: Partial<TurnOptions> = {}) {
  const engine = new ScriptedEngine(script);
  const updates: AssistantTurn[] = [];
  const result = await runTurn({ engine, model: DEMO, conversation: CONVERSATION, tools: BUILTIN_TOOLS, effort: 'low', now: () => NOW, onUpdate: (t) => updates.push(t), ...opts });
  return { result, engine, updates };
}
const ids = (...messages: Message[]): Completion => ({ ids: completionIds(messages) });

describe('agent loop', () => {
  test('analysis -> final, streamed token by token', async () => {
    const think = 'Compute nothing; just greet.';
    const answer = 'Hello! How can I help you today?';
    const { result, engine, updates } = await turn([ids(analysis(think), final(answer))]);
    expect(result).toMatchObject({ status: 'done', stopReason: 'stop', modelId: DEMO.id, effort: 'low' });
    expect(result.messages).toEqual([analysis(think), final(answer)]);
    expect(result.streaming).toBeUndefined();
    expect(engine.requests[0]).toMatchObject({ tokens: PROMPT, stopTokens: [SPECIAL.return, SPECIAL.call], maxTokens: DEMO.contextLength - PROMPT.length, sampling: DEMO.sampling });
    expect(result.stats).toMatchObject({ analysisTokens: encodeOrdinary(think).length, finalTokens: encodeOrdinary(answer).length, rounds: 1, decodeTokens: completionIds([analysis(think), final(answer)]).length });
    expect(result.stats.ttftMs).toBeGreaterThanOrEqual(0);
    expect(result.contextTokens).toBe(PROMPT.length + completionIds([analysis(think), final(answer)]).length);
    expect(result.thinkingStartedAt).toBeLessThanOrEqual(result.thinkingEndedAt!);
    // The analysis grows in place before it is finished, then the final answer streams.
    const analysisTexts = updates.filter((u) => u.streaming?.channel === 'analysis').map((u) => u.streaming!.text);
    expect(analysisTexts.length).toBeGreaterThan(3);
    expect(analysisTexts.at(-1)).toBe(think);
    expect(analysisTexts.every((t) => think.startsWith(t))).toBe(true);
    expect(updates.some((u) => u.streaming?.channel === 'final' && u.messages.length === 1)).toBe(true);
    // The context meter moves with every streamed id.
    const meter = updates.map((u) => u.contextTokens!);
    expect(meter[0]).toBe(PROMPT.length);
    expect(new Set(meter).size).toBeGreaterThan(10);
    expect(meter.every((v, i) => i === 0 || v >= meter[i - 1]!)).toBe(true);
  });

  test('analysis -> call -> result -> final continues the same turn on the reused KV cache', async () => {
    const round1 = completionIds([analysis('Compute 17 * 23 with the calculator.'), call('calculator', { expression: '17 * 23' })]);
    const { result, engine, updates } = await turn([{ ids: round1 }, ids(final('17 * 23 = 391.'))]);
    expect(result.status).toBe('done');
    expect(result.messages).toEqual([
      analysis('Compute 17 * 23 with the calculator.'),
      call('calculator', { expression: '17 * 23' }),
      toolResultMessage('functions.calculator', '391'),
      final('17 * 23 = 391.'),
    ]);
    expect(result.tools).toEqual([expect.objectContaining({ callIndex: 1, recipient: 'functions.calculator', tool: 'calculator', title: 'Calculator', argsText: '{"expression":"17 * 23"}', status: 'ok', output: '391' })]);
    expect(result.tools[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(updates.some((u) => u.tools[0]?.status === 'running')).toBe(true);
    // Round 2 = exactly what the engine fed and generated, plus the tool message and `<|start|>assistant`.
    expect(engine.requests[1]!.tokens).toEqual([...PROMPT, ...round1, ...toolResultSuffix('functions.calculator', '391')]);
    expect(result.stats.rounds).toBe(2);
    expect(result.stats.roundStats![1]!.reusedTokens).toBe(PROMPT.length + round1.length - 1);
    // The inspector's ids: the first prompt, then one stream of everything after it (the model's ids and
    // the tool message the loop fed back), so prompt + completion = the whole context of the last round.
    const round2 = completionIds([final('17 * 23 = 391.')]);
    expect(result.promptIds).toEqual(PROMPT);
    expect(result.completionIds).toEqual([...round1, ...toolResultSuffix('functions.calculator', '391'), ...round2]);
    expect([...result.promptIds!, ...result.completionIds!]).toEqual([...engine.requests[1]!.tokens, ...round2]);
    // While streaming, every snapshot carries the ids so far (a reload mid-reply keeps them).
    expect(updates.filter((u) => u.completionIds).map((u) => u.completionIds!.length).every((n, i, a) => i === 0 || n >= a[i - 1]!)).toBe(true);
  });

  test('a commentary preamble and two calls', async () => {
    const { result, engine } = await turn([
      ids(analysis('Two things.'), preamble('Let me check both.'), call('calculator', { expression: '2 + 3' })),
      ids(call('get_current_time', { timezone: 'Asia/Tokyo' })),
      ids(final('2 + 3 = 5, and it is 21:05 in Tokyo.')),
    ]);
    expect(result.messages.map((m) => [m.author.role, m.channel, m.recipient ?? '', text(m)])).toEqual([
      ['assistant', 'analysis', '', 'Two things.'],
      ['assistant', 'commentary', '', 'Let me check both.'],
      ['assistant', 'commentary', 'functions.calculator', '{"expression":"2 + 3"}'],
      ['tool', 'commentary', 'assistant', '5'],
      ['assistant', 'commentary', 'functions.get_current_time', '{"timezone":"Asia/Tokyo"}'],
      ['tool', 'commentary', 'assistant', '{"time":"21:05","timezone":"Asia/Tokyo"}'],
      ['assistant', 'final', '', '2 + 3 = 5, and it is 21:05 in Tokyo.'],
    ]);
    expect(result.tools.map((t) => [t.callIndex, t.tool, t.status])).toEqual([[2, 'calculator', 'ok'], [4, 'get_current_time', 'ok']]);
    expect(engine.requests).toHaveLength(3);
    expect(result.stats.rounds).toBe(3);
  });

  const failing: [string, Message, string, string, ToolDefinition[]?][] = [
    ['bad JSON arguments', callText('calculator', '{"expression": 17 * 23}'), 'tool-args', 'not valid JSON'],
    ['a schema violation', call('calculator', { expr: '17 * 23' }), 'tool-args', 'required property'],
    ['an unknown tool', call('weather', { city: 'Paris' }), 'tool-unknown', 'There is no tool functions.weather'],
    [
      'a tool timeout',
      call('slow', {}),
      'tool-timeout',
      'slow did not finish within 20 ms',
      [...BUILTIN_TOOLS, { description: { name: 'slow', description: 'Hangs.' }, title: 'Slow', timeoutMs: 20, run: () => new Promise<string>(() => {}) }],
    ],
  ];
  test.each(failing)('%s becomes a tool message the model reads and an error on the card; the turn goes on', async (_name, bad, code, words, tools) => {
    const { result, engine } = await turn([ids(analysis('Use a tool.'), bad), ids(final('Sorry, that failed.'))], tools ? { tools } : {});
    expect(result).toMatchObject({ status: 'done', stopReason: 'stop' });
    expect(result.tools).toHaveLength(1);
    expect(result.tools[0]).toMatchObject({ status: 'error', error: { code } });
    expect(result.tools[0]!.error!.message).toContain(words);
    expect(result.tools[0]!.error!.fix.length).toBeGreaterThan(10);
    const toolMessage = result.messages[2]!;
    expect(toolMessage).toMatchObject({ author: { role: 'tool', name: bad.recipient }, recipient: 'assistant', channel: 'commentary' });
    expect(JSON.parse(text(toolMessage)).error).toContain(words);
    expect(text(result.messages[3])).toBe('Sorry, that failed.');
    expect(engine.requests[1]!.tokens.slice(-2)).toEqual([SPECIAL.start, ...encodeOrdinary('assistant')]);
  });

  test('a malformed stream is repaired by the tolerant parser, with warnings', async () => {
    // No <|end|> after the analysis, and a header that never gets <|message|> before its stop token.
    const malformed = encodeWithSpecials('<|channel|>analysis<|message|>Think.<|start|>assistant<|channel|>final<|message|>391<|end|><|start|>assistant<|channel|>final trailing words<|return|>');
    const { result } = await turn([{ ids: malformed }]);
    expect(result.status).toBe('done');
    expect(result.messages.map((m) => [m.channel, text(m)])).toEqual([['analysis', 'Think.'], ['final', '391'], ['final', 'trailing words']]);
    expect(result.warnings).toEqual(expect.arrayContaining([expect.stringContaining('implicit <|end|>'), expect.stringContaining('header without <|message|>')]));
  });

  test('text with no header at all is kept as an assistant message', async () => {
    const { result } = await turn([{ ids: [...encodeOrdinary('Just text'), SPECIAL.return] }]);
    expect(result.messages.map(text)).toEqual(['Just text']);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  const abortCases: [string, string][] = [['analysis', 'mid-analysis'], ['final', 'mid-final']];
  test.each(abortCases)('stop %s keeps what streamed, marked', async (channel) => {
    const think = 'Let me think about this for a rather long while before answering.';
    const answer = 'Here is a long answer that the user will not wait for until its end.';
    const stop = new AbortController();
    const { result, engine } = await turn([{ ...ids(analysis(think), final(answer)), hang: true }], {
      signal: stop.signal,
      onUpdate: (t) => {
        if (t.streaming?.channel === channel && t.streaming.text.length > 12) stop.abort();
      },
    });
    expect(result).toMatchObject({ status: 'stopped', stopReason: 'abort' });
    expect(engine.aborted.has(engine.requests[0]!.requestId)).toBe(true);
    const last = result.messages.at(-1)!;
    expect(last.channel).toBe(channel);
    expect(result.interruptedMessage).toBe(result.messages.length - 1);
    const full = channel === 'analysis' ? think : answer;
    expect(text(last).length).toBeGreaterThan(12);
    expect(text(last).length).toBeLessThan(full.length);
    expect(full.startsWith(text(last))).toBe(true);
    expect(result.messages).toHaveLength(channel === 'analysis' ? 1 : 2);
    expect(result.streaming).toBeUndefined();
  });

  test('the tool-round limit ends the turn with a clear reason', async () => {
    const again = () => ids(call('calculator', { expression: '1 + 1' }));
    const { result, engine } = await turn([again(), again(), again()], { maxToolRounds: 2 });
    expect(engine.requests).toHaveLength(3);
    expect(result).toMatchObject({ status: 'done', stopReason: 'tool-limit', error: { code: 'tool-limit' } });
    expect(result.error!.message).toContain('2 times');
    expect(result.tools.map((t) => t.status)).toEqual(['ok', 'ok', 'error']);
    expect(result.tools[2]!.error!.code).toBe('tool-limit');
    expect(result.messages.filter((m) => m.author.role === 'tool')).toHaveLength(2);
  });

  test('an engine error mid-turn keeps what streamed and sets the typed error', async () => {
    const crash = new EngineError('worker-crashed', 'The inference worker crashed: simulated', FIXES['worker-crashed']);
    const { result } = await turn([{ ...ids(analysis('Thinking hard about it.'), final('Never seen.')), fail: { after: 5, error: crash } }]);
    expect(result).toMatchObject({ status: 'error', stopReason: 'error', error: { code: 'worker-crashed', message: 'The inference worker crashed: simulated', fix: FIXES['worker-crashed'] } });
    expect(result.messages).toHaveLength(1);
    expect(result.interruptedMessage).toBe(0);
    expect('Thinking hard about it.'.startsWith(text(result.messages[0]))).toBe(true);
  });

  test('stop while a tool runs: the tool is stopped and the turn ends', async () => {
    const stop = new AbortController();
    const hanging: ToolDefinition = { description: { name: 'slow', description: 'Hangs.' }, title: 'Slow', timeoutMs: 60_000, run: () => new Promise<string>(() => {}) };
    const { result, engine } = await turn([ids(call('slow', {}))], {
      tools: [hanging],
      signal: stop.signal,
      onUpdate: (t) => t.tools[0]?.status === 'running' && stop.abort(),
    });
    expect(result).toMatchObject({ status: 'stopped', stopReason: 'abort' });
    expect(result.tools[0]).toMatchObject({ status: 'error', error: { code: 'tool-failed' } });
    expect(engine.requests).toHaveLength(1);
  });

  test('a conversation longer than the context is refused before generating', async () => {
    const { result, engine } = await turn([], { model: { ...DEMO, contextLength: 10 } });
    expect(result).toMatchObject({ status: 'error', error: { code: 'context-full' } });
    expect(engine.requests).toHaveLength(0);
  });
});
