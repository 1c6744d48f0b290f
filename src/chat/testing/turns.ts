// Builders for assistant turns as plain data, for unit tests and the UI fixture gallery.
import type { Message } from '../../harmony/types';
import type { AssistantTurn, TurnStats } from '../types';

export function assistantMessage(channel: string | undefined, text: string, recipient?: string): Message {
  const m: Message = { author: { role: 'assistant' }, content: [{ type: 'text', text }] };
  if (channel !== undefined) m.channel = channel;
  if (recipient !== undefined) {
    m.recipient = recipient;
    m.contentType = '<|constrain|>json';
  }
  return m;
}

/** The tool's answer as the agent loop feeds it back: `functions.X to=assistant` on commentary. */
export function toolResultMessage(recipient: string, text: string): Message {
  return { author: { role: 'tool', name: recipient }, recipient: 'assistant', channel: 'commentary', content: [{ type: 'text', text }] };
}

export function emptyStats(): TurnStats {
  return { prefillTokens: 0, prefillMs: 0, decodeTokens: 0, decodeMs: 0, reusedTokens: 0, analysisTokens: 0, finalTokens: 0, rounds: 1 };
}

export function makeTurn(over: Partial<AssistantTurn> = {}): AssistantTurn {
  return {
    modelId: 'overtone-tiny-demo',
    effort: 'medium',
    messages: [],
    tools: [],
    status: 'done',
    warnings: [],
    stats: emptyStats(),
    startedAt: 1_000,
    ...over,
  };
}

/** The demo model's tool flow, finished: think, call the calculator with 17 * 23, read 391, think, answer. */
export function calculatorTurn(over: Partial<AssistantTurn> = {}): AssistantTurn {
  const args = '{"expression":"17 * 23"}';
  return makeTurn({
    messages: [
      assistantMessage('analysis', 'The user asks for 17 * 23. I should use the calculator tool.'),
      assistantMessage('commentary', args, 'functions.calculator'),
      toolResultMessage('functions.calculator', '391'),
      assistantMessage('analysis', 'The calculator says 391.'),
      assistantMessage('final', '17 × 23 = **391**.'),
    ],
    tools: [{ callIndex: 1, recipient: 'functions.calculator', tool: 'calculator', argsText: args, status: 'ok', output: '391', startedAt: 1_200, ms: 2 }],
    ...over,
  });
}
