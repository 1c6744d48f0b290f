import { expect, test } from 'vitest';
import { StreamParser } from './parser';
import { renderMessage } from './render';
import { SPECIAL } from './encoding';
import { mulberry32, pick, randomText } from './testing/random';
import type { Message } from './types';

const SPECIALS = [SPECIAL.start, SPECIAL.end, SPECIAL.message, SPECIAL.channel, SPECIAL.call, SPECIAL.return, SPECIAL.constrain, 200018, 201088];
const JUNK = [-1, 4294967295, 201089, 9552, 244, 31446, 173781, 17196, 316, 28];

/** Seeded corruption: delete, duplicate, replace or insert tokens (special, invalid, or partial UTF-8 ids). */
function corrupt(rand: () => number, tokens: number[]): number[] {
  const out = [...tokens];
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    const junk = rand() < 0.6 ? pick(rand, SPECIALS) : pick(rand, JUNK);
    if (r < 0.25) out.splice(at, 1);
    else if (r < 0.5) out.splice(at, 0, junk);
    else if (r < 0.75) out.splice(at, 1, junk);
    else out.splice(at, 0, out[at] ?? junk);
  }
  return out;
}

test('tolerant mode never throws and never drops content on 100,000 corrupted streams', () => {
  const rand = mulberry32(2024);
  const bases: number[][] = [];
  for (let i = 0; i < 200; i++) {
    const msgs: Message[] = [
      { author: { role: 'assistant' }, channel: 'analysis', content: [{ type: 'text', text: randomText(rand, 4) }] },
      { author: { role: 'assistant' }, channel: 'commentary', recipient: 'functions.f', contentType: '<|constrain|>json', content: [{ type: 'text', text: '{"a": 1}' }] },
      { author: { role: 'tool', name: 'functions.f' }, recipient: 'assistant', channel: 'commentary', content: [{ type: 'text', text: randomText(rand, 3) }] },
      { author: { role: 'assistant' }, channel: 'final', content: [{ type: 'text', text: randomText(rand, 4) }] },
    ];
    bases.push(msgs.flatMap((m) => renderMessage(m)).slice(2)); // as sampled: role already consumed
  }
  let messages = 0;
  for (let i = 0; i < 100_000; i++) {
    const tokens = corrupt(rand, pick(rand, bases));
    const p = new StreamParser({ role: rand() < 0.8 ? 'assistant' : null, tolerant: true });
    const deltas: string[] = [];
    for (const t of tokens) {
      p.process(t);
      if (p.lastContentDelta !== null) deltas.push(p.lastContentDelta);
    }
    p.processEos();
    // Every emitted delta is in the finished messages, in order.
    const all = p.messages.map((m) => (m.content[0]?.type === 'text' ? m.content[0].text : '')).join('');
    let from = 0;
    for (const d of deltas) {
      const at = all.indexOf(d, from);
      if (at < 0) expect.fail(`delta ${JSON.stringify(d)} lost for tokens ${JSON.stringify(tokens)}`);
      from = at + d.length;
    }
    messages += p.messages.length;
  }
  expect(messages).toBeGreaterThan(100_000);
}, 120_000);
