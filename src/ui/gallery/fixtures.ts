// Chat states as plain data for the fixture gallery (gallery.html, dev server only) and the UI tests.
import { assistantMessage as am, calculatorTurn, emptyStats, makeTurn, toolResultMessage } from '../../chat/testing/turns';
import { FIXES } from '../../engine/protocol';
import { MODELS } from '../../models/manifest';
import type { ChatItem } from '../MessageList';
import type { ModelEntry } from '../ModelPicker';

export const DEMO_EXAMPLES = ['What is 17 * 23?', 'What time is it in Tokyo?', 'Hello!'];

export const MODEL_ENTRIES: ModelEntry[] = MODELS.map((manifest) =>
  manifest.id === 'gpt-oss-20b'
    ? { manifest, reason: { code: 'no-shader-f16', message: `${manifest.label} needs the WebGPU feature(s) shader-f16, which this GPU lacks.`, fix: FIXES['no-shader-f16'] } }
    : { manifest, runtime: { device: 'webgpu', dtype: 'q4f16' }, examples: manifest.id === 'overtone-tiny-demo' ? DEMO_EXAMPLES : undefined },
);

const calcTurn = calculatorTurn({
  thinkingStartedAt: 1_000,
  thinkingEndedAt: 1_700,
  stats: { ...emptyStats(), prefillTokens: 182, prefillMs: 95, decodeTokens: 64, decodeMs: 820, reusedTokens: 140, ttftMs: 110, analysisTokens: 31, finalTokens: 9, rounds: 2 },
});

const timeTurn = makeTurn({
  messages: [
    am('commentary', 'Let me look up the time there.'),
    am('commentary', '{"timezone":"Tokyo"}', 'functions.get_current_time'),
    toolResultMessage('functions.get_current_time', 'Error: unknown time zone "Tokyo". Use an IANA name such as Asia/Tokyo.'),
    am('commentary', '{"timezone":"Asia/Tokyo"}', 'functions.get_current_time'),
    toolResultMessage('functions.get_current_time', '{"timezone":"Asia/Tokyo","time":"2025-06-01T18:04:11+09:00"}'),
    am('final', 'It is **18:04** in Tokyo.'),
  ],
  tools: [
    {
      callIndex: 1,
      recipient: 'functions.get_current_time',
      tool: 'get_current_time',
      argsText: '{"timezone":"Tokyo"}',
      status: 'error',
      error: { code: 'tool-failed', message: 'Unknown time zone "Tokyo".', fix: 'The model was told; it can retry with an IANA name such as Asia/Tokyo.' },
      startedAt: 2_000,
      ms: 1,
    },
    { callIndex: 3, recipient: 'functions.get_current_time', tool: 'get_current_time', argsText: '{"timezone":"Asia/Tokyo"}', status: 'ok', startedAt: 2_100, ms: 1 },
  ],
  stats: { ...emptyStats(), prefillTokens: 30, prefillMs: 20, decodeTokens: 70, decodeMs: 1_900, ttftMs: 60, finalTokens: 12, rounds: 3 },
});

export const MARKDOWN_ANSWER = [
  'Here is a **table**, some `inline code` and a block:',
  '',
  '| Expression | Value |',
  '|---|---|',
  '| 17 * 23 | 391 |',
  '| 2 ^ 10 | 1024 |',
  '',
  '```python',
  'def mul(a: int, b: int) -> int:',
  '    # multiply two numbers',
  '    return a * b',
  '```',
  '',
  'Raw HTML stays text: <img src=x onerror="alert(1)"> <script>alert(2)</script>',
  '',
  'A [javascript: link](javascript:alert(3)) and a [real one](https://example.com).',
].join('\n');

const markdownTurn = makeTurn({
  messages: [am('analysis', 'Format a table and code.'), am('final', MARKDOWN_ANSWER)],
  thinkingStartedAt: 0,
  thinkingEndedAt: 12_400,
  stats: { ...emptyStats(), prefillTokens: 400, prefillMs: 300, decodeTokens: 180, decodeMs: 4_000, ttftMs: 320, analysisTokens: 20, finalTokens: 150 },
});

export const STREAMING_TURN = makeTurn({
  status: 'streaming',
  messages: [],
  streaming: { channel: 'analysis', text: 'The user greets me.\nI should greet back and offer help with arithmetic or the time' },
  thinkingStartedAt: Date.now(),
});

const stoppedTurn = makeTurn({
  status: 'stopped',
  stopReason: 'abort',
  messages: [am('final', 'The six short explanations I know are about')],
  stats: { ...emptyStats(), decodeTokens: 9, decodeMs: 200, finalTokens: 9 },
});

const errorTurn = makeTurn({
  status: 'error',
  stopReason: 'error',
  error: { code: 'device-lost', message: 'The GPU device was lost during generation.', fix: FIXES['device-lost'] },
  messages: [am('analysis', 'Compute')],
});

export const CONVERSATION: ChatItem[] = [
  { kind: 'user', id: 'u1', text: 'What is 17 * 23?' },
  { kind: 'assistant', id: 'a1', turn: calcTurn },
  { kind: 'user', id: 'u2', text: 'What time is it in Tokyo?' },
  { kind: 'assistant', id: 'a2', turn: timeTurn, branch: { index: 1, count: 2 } },
  { kind: 'user', id: 'u3', text: 'Show me a table and some code.\n(two lines)' },
  { kind: 'assistant', id: 'a3', turn: markdownTurn },
  { kind: 'user', id: 'u4', text: 'Explain transformers' },
  { kind: 'assistant', id: 'a4', turn: stoppedTurn },
  { kind: 'user', id: 'u5', text: '17 * 23 again?' },
  { kind: 'assistant', id: 'a5', turn: errorTurn },
];

export const STREAMING_CONVERSATION: ChatItem[] = [
  { kind: 'user', id: 'u1', text: 'Hello!' },
  { kind: 'assistant', id: 'a1', turn: STREAMING_TURN },
];
