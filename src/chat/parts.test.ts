import { describe, expect, it } from 'vitest';
import { messageText, toolName, turnParts } from './parts';
import { assistantMessage as am, makeTurn, toolResultMessage } from './testing/turns';
import type { ToolRun } from './types';

const calcRun = (over: Partial<ToolRun> = {}): ToolRun => ({
  callIndex: 1,
  recipient: 'functions.calculator',
  tool: 'calculator',
  argsText: '{"expression":"17 * 23"}',
  status: 'ok',
  output: '391',
  startedAt: 5,
  ms: 3,
  ...over,
});

describe('turnParts', () => {
  it('is empty for a turn that has produced nothing yet', () => {
    expect(turnParts(makeTurn({ status: 'streaming' }))).toEqual([]);
    expect(turnParts(makeTurn({ status: 'streaming', streaming: { text: '' } }))).toEqual([]);
  });

  it('analysis then final, with the thinking time on the analysis part', () => {
    const turn = makeTurn({
      messages: [am('analysis', 'User says hi.'), am('final', 'Hello!')],
      thinkingStartedAt: 1_000,
      thinkingEndedAt: 4_400,
    });
    expect(turnParts(turn)).toEqual([
      { kind: 'analysis', key: 'm0', text: 'User says hi.', live: false, thinkingMs: 3_400 },
      { kind: 'final', key: 'm1', text: 'Hello!', live: false },
    ]);
  });

  it('merges consecutive analysis messages, the streaming one included, and keeps the key', () => {
    const turn = makeTurn({
      status: 'streaming',
      messages: [am('analysis', 'First. '), am('analysis', 'Second. ')],
      streaming: { channel: 'analysis', text: 'Third' },
      thinkingStartedAt: 1_000,
    });
    expect(turnParts(turn)).toEqual([{ kind: 'analysis', key: 'm0', text: 'First. Second. Third', live: true }]);
  });

  it('gives no thinking time while an analysis part is still live', () => {
    const turn = makeTurn({
      status: 'streaming',
      messages: [am('analysis', 'a')],
      streaming: { channel: 'analysis', text: 'b' },
      thinkingStartedAt: 1_000,
      thinkingEndedAt: 2_000,
    });
    expect(turnParts(turn)[0]).not.toHaveProperty('thinkingMs');
  });

  it('joins a tool call with its run and its result message', () => {
    const turn = makeTurn({
      messages: [
        am('analysis', 'Need to compute.'),
        am('commentary', '{"expression":"17 * 23"}', 'functions.calculator'),
        toolResultMessage('functions.calculator', '391'),
        am('analysis', 'It is 391.'),
        am('final', '17 * 23 = **391**'),
      ],
      tools: [calcRun({ output: '391 (from run)' })],
    });
    const parts = turnParts(turn);
    expect(parts.map((p) => p.kind)).toEqual(['analysis', 'tool', 'analysis', 'final']);
    expect(parts[1]).toEqual({
      kind: 'tool',
      key: 'm1',
      tool: 'calculator',
      recipient: 'functions.calculator',
      argsText: '{"expression":"17 * 23"}',
      status: 'ok',
      // The tool message is what the model read: it wins over the run's copy.
      output: '391',
      ms: 3,
      live: false,
    });
  });

  it('shows a call whose arguments are streaming as a writing card, then running once the run exists', () => {
    const writing = makeTurn({
      status: 'streaming',
      messages: [am('commentary', 'Let me check the time.')],
      streaming: { channel: 'commentary', recipient: 'functions.get_current_time', text: '{"timezone":"Asi' },
    });
    expect(turnParts(writing)).toEqual([
      { kind: 'preamble', key: 'm0', text: 'Let me check the time.', live: false },
      {
        kind: 'tool',
        key: 'm1',
        tool: 'get_current_time',
        recipient: 'functions.get_current_time',
        argsText: '{"timezone":"Asi',
        status: 'writing',
        live: true,
      },
    ]);
    const running = makeTurn({
      status: 'streaming',
      messages: [am('commentary', '{"timezone":"Asia/Tokyo"}', 'functions.get_current_time')],
      tools: [calcRun({ callIndex: 0, tool: 'get_current_time', recipient: 'functions.get_current_time', argsText: '{"timezone":"Asia/Tokyo"}', status: 'running', output: undefined, ms: undefined })],
    });
    const [card] = turnParts(running);
    expect(card).toMatchObject({ kind: 'tool', status: 'running', argsText: '{"timezone":"Asia/Tokyo"}' });
    expect(card).not.toHaveProperty('output');
  });

  it('carries a tool error', () => {
    const error = { code: 'tool-args' as const, message: 'Arguments are not JSON.', fix: 'The model will retry.' };
    const turn = makeTurn({
      messages: [am('commentary', '{oops', 'functions.calculator'), toolResultMessage('functions.calculator', 'Error: not JSON')],
      tools: [calcRun({ callIndex: 0, argsText: '{oops', status: 'error', error, output: 'Error: not JSON' })],
    });
    expect(turnParts(turn)[0]).toMatchObject({ status: 'error', error, output: 'Error: not JSON' });
  });

  it('pairs two calls with their results in order', () => {
    const turn = makeTurn({
      messages: [
        am('commentary', 'Two sums.'),
        am('commentary', '{"expression":"1+1"}', 'functions.calculator'),
        toolResultMessage('functions.calculator', '2'),
        am('commentary', '{"expression":"2+2"}', 'functions.calculator'),
        toolResultMessage('functions.calculator', '4'),
        am('final', '2 and 4'),
      ],
    });
    const tools = turnParts(turn).filter((p) => p.kind === 'tool');
    expect(tools.map((t) => [t.key, t.output, t.status])).toEqual([
      ['m1', '2', 'ok'],
      ['m3', '4', 'ok'],
    ]);
  });

  it('keeps an orphan tool result and a message without a channel', () => {
    const turn = makeTurn({ messages: [toolResultMessage('functions.x', 'late'), am(undefined, 'no channel')] });
    expect(turnParts(turn)).toEqual([
      { kind: 'tool', key: 'r0', tool: 'x', recipient: 'functions.x', argsText: '', status: 'ok', output: 'late', live: false },
      { kind: 'final', key: 'm1', text: 'no channel', live: false },
    ]);
  });

  it('streams the final answer as a live part keyed by its future index', () => {
    const turn = makeTurn({ status: 'streaming', messages: [am('analysis', 'x')], streaming: { channel: 'final', text: 'Hel' } });
    expect(turnParts(turn).at(-1)).toEqual({ kind: 'final', key: 'm1', text: 'Hel', live: true });
  });
});

describe('helpers', () => {
  it('toolName drops the namespace', () => {
    expect(toolName('functions.get_current_time')).toBe('get_current_time');
    expect(toolName('python')).toBe('python');
  });
  it('messageText concatenates text content', () => {
    expect(messageText({ content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] })).toBe('ab');
  });
});
