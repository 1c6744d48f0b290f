import { describe, expect, test } from 'vitest';
import { StreamParser, parseMessagesFromCompletionTokens } from './parser';
import { renderMessage } from './render';
import { mulberry32, pick, randomText } from './testing/random';
import type { Message } from './types';

function randomAssistantMessage(rand: () => number): Message {
  const m: Message = { author: { role: 'assistant' }, channel: pick(rand, ['analysis', 'commentary', 'final']), content: [{ type: 'text', text: randomText(rand) }] };
  if (rand() < 0.4) {
    m.recipient = pick(rand, ['functions.get_weather', 'python', 'browser.search', 'functions.calc_2']);
    const ct = pick(rand, [undefined, 'json', 'code', '<|constrain|>json']);
    if (ct) m.contentType = ct;
  }
  return m;
}

describe('properties', () => {
  test('render -> parse round-trips assistant messages (2,000 seeded conversations)', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 2000; i++) {
      const msgs = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => randomAssistantMessage(rand));
      const tokens = msgs.flatMap((m) => renderMessage(m));
      expect(parseMessagesFromCompletionTokens(tokens, null)).toEqual(msgs);
    }
  });

  test('token-by-token streaming equals the batch parse, and deltas rebuild the content', () => {
    const rand = mulberry32(11);
    for (let i = 0; i < 1000; i++) {
      const msgs = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomAssistantMessage(rand));
      const tokens = msgs.flatMap((m) => renderMessage(m));
      const p = new StreamParser();
      const deltas: string[] = [];
      for (const t of tokens) {
        p.process(t);
        if (p.lastContentDelta !== null) deltas.push(p.lastContentDelta);
      }
      expect(p.messages).toEqual(parseMessagesFromCompletionTokens(tokens, null));
      expect(deltas.join('')).toBe(msgs.map((m) => (m.content[0]!.type === 'text' ? m.content[0]!.text : '')).join(''));
    }
  });
});
