import { describe, expect, test } from 'vitest';
import { StreamParser, parseMessagesFromCompletionTokens } from './parser';
import { encodeOrdinary, SPECIAL } from './encoding';
import { encodeWithSpecials as enc } from './testing/tokens';
import type { Message, Role } from './types';

/** The reference tests' JSON shape: flat, content as a string. */
function flat(ms: Message[]): Record<string, string>[] {
  return ms.map((m) => {
    const o: Record<string, string> = { role: m.author.role };
    if (m.author.name !== undefined) o.name = m.author.name;
    if (m.channel !== undefined) o.channel = m.channel;
    if (m.recipient !== undefined) o.recipient = m.recipient;
    if (m.contentType !== undefined) o.content_type = m.contentType;
    o.content = m.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    return o;
  });
}

function feed(tokens: number[], opts: { role?: Role | null; strict?: boolean; tolerant?: boolean } = {}): StreamParser {
  const p = new StreamParser(opts);
  for (const t of tokens) p.process(t);
  return p;
}

const REASONING_IDS = [200005, 35644, 200008, 1844, 31064, 25, 392, 4827, 382, 220, 17, 659, 220, 17, 16842, 12295, 81645, 13, 51441, 6052, 13, 200002, 200006, 173781, 200005, 17196, 200008, 17, 659, 220, 17, 314, 220, 19, 13];
const TOOL_CALL_FILE_IDS = [200005, 35644, 200008, 1844, 31064, 25, 392, 4827, 382, 290, 11122, 306, 40510, 16842, 1416, 1309, 316, 1199, 37342, 170154, 4584, 13, 200002, 200006, 173781, 316, 28, 29712, 170154, 200005, 35644, 3490, 200008, 10848, 7693, 1243, 392, 173844, 18583];
const TOOL_CALL_RUST_IDS = [200005, 35644, 200008, 1844, 31064, 25, 392, 4827, 382, 290, 11122, 306, 40510, 16842, 1416, 1309, 316, 1199, 37342, 170154, 4584, 13, 200007, 200006, 173781, 200005, 35644, 316, 28, 29712, 170154, 3490, 200008, 10848, 7693, 1243, 392, 173844, 18583];
const REFUSAL = "I must refuse<|end|><|start|>assistant<|channel|>analysis<|message|>We must refuse<|end|><|start|>assistant<|channel|>final<|message|>I'm sorry, but I can't help with that.<|return|>";

describe('§8.2 parsing tests', () => {
  test('test_simple_reasoning_response', () => {
    expect(enc("<|channel|>analysis<|message|>User asks: \"What is 2 + 2?\" Simple arithmetic. Provide answer.<|return|><|start|>assistant<|channel|>final<|message|>2 + 2 = 4.")).toEqual(REASONING_IDS);
    expect(flat(parseMessagesFromCompletionTokens(REASONING_IDS, 'assistant'))).toEqual([
      { role: 'assistant', channel: 'analysis', content: 'User asks: "What is 2 + 2?" Simple arithmetic. Provide answer.' },
      { role: 'assistant', channel: 'final', content: '2 + 2 = 4.' },
    ]);
  });

  test('test_simple_tool_call (file ids and Rust ids, both header orders)', () => {
    const want = [
      { role: 'assistant', channel: 'analysis', content: 'User asks: "What is the weather in Tokyo?" We need to use lookup_weather tool.' },
      { role: 'assistant', channel: 'analysis', recipient: 'lookup_weather', content_type: 'code', content: '{"location": "Tokyo"}' },
    ];
    expect(flat(parseMessagesFromCompletionTokens(TOOL_CALL_FILE_IDS, 'assistant'))).toEqual(want);
    expect(flat(parseMessagesFromCompletionTokens(TOOL_CALL_RUST_IDS, 'assistant'))).toEqual(want);
  });

  test.each([
    ['<|start|>assistant to=functions.get_weather<|channel|>commentary<|constrain|>json<|message|>{"location": "Tokyo"}<|call|>', '{"location": "Tokyo"}'],
    ['<|start|>assistant to=functions.get_weather<|channel|>commentary<|constrain|>json<|message|>{"location": "Tokyo"}<|end|>', '{"location": "Tokyo"}'],
    ['<|start|>assistant<|channel|>commentary to=functions.get_weather<|constrain|>json<|message|>{"latitude":48.8566,"longitude":2.3522}<|call|>', '{"latitude":48.8566,"longitude":2.3522}'],
  ])('constrain marker adjacent, role None: %s', (text, content) => {
    const want = [{ role: 'assistant', channel: 'commentary', recipient: 'functions.get_weather', content_type: '<|constrain|>json', content }];
    expect(flat(parseMessagesFromCompletionTokens(enc(text), null))).toEqual(want);
    expect(flat(feed(enc(text)).messages)).toEqual(want); // streamable, no EOS: <|call|> completes it
  });

  test('test_tool_response_parsing', () => {
    const text = '<|start|>browser.search to=assistant<|channel|>commentary<|message|>{"result": "https://openai.com/"}';
    expect(flat(parseMessagesFromCompletionTokens(enc(text), null))).toEqual([
      { role: 'tool', name: 'browser.search', channel: 'commentary', recipient: 'assistant', content: '{"result": "https://openai.com/"}' },
    ]);
  });

  test('test_streamable_parser', () => {
    const text = `<|channel|>analysis<|message|>User asks "Who is the current US president?" It's 2025, presumably current president is Joe Biden? Actually as of 2025-07-28, there was a 2024 election. In 2024, President is probably President Biden still? But w
e need up to date info. Let's browse to confirm.<|end|><|start|>assistant<|channel|>commentary to=browser.search code<|message|>{"query": "current US president July 2025", "topn": 10, "source": "news"}<|call|><|start|>browser.search to=assistant<|channel|>commentary<|message|>{"result": "https://openai.com/"}<|end|>`;
    expect(flat(feed(enc(text), { role: 'assistant' }).messages)).toEqual([
      { role: 'assistant', channel: 'analysis', content: "User asks \"Who is the current US president?\" It's 2025, presumably current president is Joe Biden? Actually as of 2025-07-28, there was a 2024 election. In 2024, President is probably President Biden still? But w\ne need up to date info. Let's browse to confirm." },
      { role: 'assistant', channel: 'commentary', recipient: 'browser.search', content_type: 'code', content: '{"query": "current US president July 2025", "topn": 10, "source": "news"}' },
      { role: 'tool', name: 'browser.search', channel: 'commentary', recipient: 'assistant', content: '{"result": "https://openai.com/"}' },
    ]);
  });

  test('test_missing_message_token_requires_non_strict_mode', () => {
    const ids = enc('<|channel|>commentary Hello<|end|>');
    expect(() => parseMessagesFromCompletionTokens(ids, 'assistant')).toThrow('Unexpected EOS while waiting for message header to complete');
    expect(flat(parseMessagesFromCompletionTokens(ids, 'assistant', { strict: false }))).toEqual([
      { role: 'assistant', channel: 'commentary', content: 'Hello' },
    ]);
  });

  test.each([
    [REFUSAL, 'unexpected tokens remaining in message header: Some("I")', [
      { role: 'assistant', content: 'I must refuse' },
    ]],
    ['<|channel|>analysis I must refuse' + REFUSAL.slice('I must refuse'.length), 'unexpected tokens remaining in message header: Some("I")', [
      { role: 'assistant', channel: 'analysis', content: 'I must refuse' },
    ]],
  ])('missing <|message|>: strict throws, non-strict recovers (%#)', (text, error, first) => {
    expect(() => feed(enc(text), { role: 'assistant' })).toThrow(error);
    expect(flat(feed(enc(text), { role: 'assistant', strict: false }).messages)).toEqual([
      ...first,
      { role: 'assistant', channel: 'analysis', content: 'We must refuse' },
      { role: 'assistant', channel: 'final', content: "I'm sorry, but I can't help with that." },
    ]);
  });

  test('test_streamable_parser_missing_message_token_tool_call', () => {
    const text = '... Let\'s use the tool.<|end|><|start|>assistant to=functions.get_weather<|channel|>commentary json<|message|>{"location": "Tokyo"}<|call|>';
    expect(() => feed(enc(text), { role: 'assistant' })).toThrow(
      'unexpected tokens remaining in message header: Some("... Let\'s use the tool.<|end|><|start|>assistant")',
    );
    expect(flat(feed(enc(text), { role: 'assistant', strict: false }).messages)).toEqual([
      { role: 'assistant', content: "... Let's use the tool." },
      { role: 'assistant', channel: 'commentary', recipient: 'functions.get_weather', content_type: 'json', content: '{"location": "Tokyo"}' },
    ]);
  });
});

describe('§7.6 partial UTF-8', () => {
  const head = enc('<|start|>assistant<|message|>');
  const END = SPECIAL.end;
  test('invalid bytes across two tokens, then text', () => {
    const p = feed([...head, 9552, 9552, ...encodeOrdinary('worked'), END]);
    expect(flat(p.messages)).toEqual([{ role: 'assistant', content: ' \uFFFD \uFFFDworked' }]);
  });
  test('deltas " ", "\\uFFFD", " \\uFFFD"', () => {
    const p = new StreamParser();
    head.forEach((t) => p.process(t));
    const deltas: (string | null)[] = [];
    for (const t of [9552, 9552, ...encodeOrdinary('worked')]) {
      p.process(t);
      deltas.push(p.lastContentDelta);
    }
    expect(deltas).toEqual([' ', '\uFFFD', ' \uFFFD']);
  });
  test.each([
    ['XY', ' \uFFFDXY'],
    [' interesting', ' \uFFFD interesting'],
  ])('[9552] + %j', (text, want) => {
    expect(flat(feed([...head, 9552, ...encodeOrdinary(text), END]).messages)[0]!.content).toBe(want);
  });
  test('no EOS marker: current content and deltas', () => {
    const p = new StreamParser();
    head.forEach((t) => p.process(t));
    const deltas: string[] = [];
    for (const t of [9552, ...encodeOrdinary(' interesting'), ...encodeOrdinary(' story')]) {
      p.process(t);
      if (p.lastContentDelta !== null) deltas.push(p.lastContentDelta);
    }
    expect(p.currentContent).toBe(' \uFFFD interesting story');
    expect(deltas.join('')).toBe(' \uFFFD interesting story');
    p.process(encodeOrdinary('Y')[0]!);
    expect(p.lastContentDelta).toBe('Y');
    expect(p.currentContent).toBe(' \uFFFD interesting storyY');
  });
  test('tricky UTF-8: content and joined deltas identical', () => {
    const text = 'Hello Müller, Γειά σου, Привет, שלום, مرحبا, नमस्ते, こんにちは, 안녕하세요, 你好. Normalized (naïve) vs. decomposed (nai\u0308ve) characters. Some emojis: 😊👋🏾👨‍👩‍👧‍👦🇺🇸.';
    const p = new StreamParser();
    head.forEach((t) => p.process(t));
    let joined = '';
    for (const t of encodeOrdinary(text)) {
      p.process(t);
      joined += p.lastContentDelta ?? '';
    }
    p.process(END);
    expect(flat(p.messages)[0]!.content).toBe(text);
    expect(joined).toBe(text);
  });
  test('does not leak bytes between messages', () => {
    const p = feed([...head, 9552, 9552, END, ...enc('<|start|>assistant<|message|>Hi<|end|>')]);
    expect(p.messages).toHaveLength(2);
    expect(flat(p.messages)[1]).toEqual({ role: 'assistant', content: 'Hi' });
  });
  test('flushes partial bytes on EOS', () => {
    const p = feed([...head, 9552, ...encodeOrdinary('Hi')]);
    p.processEos();
    expect(flat(p.messages)).toEqual([{ role: 'assistant', content: ' \uFFFDHi' }]);
    expect(p.lastContentDelta).toBeNull();
    expect(p.currentContent).toBe('');
  });
  test('waits for a multi-token UTF-8 sequence', () => {
    const p = new StreamParser();
    head.forEach((t) => p.process(t));
    p.process(31446);
    expect(p.lastContentDelta).toBeNull();
    expect(p.currentContent).toBe('');
    p.process(244);
    expect(p.lastContentDelta).toBe('💖');
    expect(p.currentContent).toBe('💖');
    p.process(END);
    expect(flat(p.messages)).toEqual([{ role: 'assistant', content: '💖' }]);
  });
  test('invalid content token becomes U+FFFD at end of stream', () => {
    const p = feed([...enc('<|start|>assistant<|channel|>analysis<|message|>Practice invalid token handling.'), 4294967295]);
    p.processEos();
    expect(flat(p.messages)).toEqual([{ role: 'assistant', channel: 'analysis', content: 'Practice invalid token handling.\uFFFD' }]);
  });
});

describe('stream-level errors (§7.4) and getters', () => {
  test('token after a stop without <|start|>', () => {
    expect(() => feed(enc('<|channel|>final<|message|>x<|call|>commentary'), { role: 'assistant' })).toThrow(
      'Unexpected token 12606 while expecting start token 200006',
    );
  });
  test('EOS inside a header', () => {
    expect(() => parseMessagesFromCompletionTokens(enc('<|start|>assistant<|channel|>fin'))).toThrow(
      'Unexpected EOS while waiting for message header to complete',
    );
  });
  test('unknown id in a header cannot be decoded', () => {
    expect(() => feed([SPECIAL.start, 999999999, SPECIAL.message])).toThrow('could not decode header');
  });
  test('Appendix A trace, token by token', () => {
    const p = new StreamParser({ role: 'assistant' });
    const rows: [string, string | null, string | null, string | null, string][] = [];
    for (const t of REASONING_IDS.slice(0, 21).concat([200007, 200006, 173781, 200005, 17196, 200008, 17, 659, 220, 17, 314, 220, 19, 13, 200002])) {
      p.process(t);
      rows.push([p.state.state, p.currentRole, p.currentChannel, p.lastContentDelta, p.currentContent]);
    }
    expect(rows[0]).toEqual(['Header', 'assistant', null, null, '']);
    expect(rows[2]).toEqual(['Content', 'assistant', 'analysis', null, '']);
    expect(rows[3]).toEqual(['Content', 'assistant', 'analysis', 'User', 'User']);
    expect(rows[14]).toEqual(['Content', 'assistant', 'analysis', '?"', 'User asks: "What is 2 + 2?"']);
    expect(rows[21]).toEqual(['ExpectStart', null, null, null, '']);
    expect(rows[22]).toEqual(['Header', null, null, null, '']);
    expect(rows[25]).toEqual(['Header', null, null, null, '']);
    expect(rows[26]).toEqual(['Content', 'assistant', 'final', null, '']);
    expect(rows[33]).toEqual(['Content', 'assistant', 'final', '4', '2 + 2 = 4']);
    expect(rows[35]).toEqual(['ExpectStart', null, null, null, '']);
    expect(flat(p.messages).map((m) => m.channel)).toEqual(['analysis', 'final']);
  });
  test('tool-call trace: header fields appear at <|message|>', () => {
    const ids = [200005, 12606, 815, 316, 28, 44580, 775, 170154, 220, 200003, 4108, 200008, 10848, 17500, 7534, 46661, 18583, 200012];
    const p = new StreamParser({ role: 'assistant' });
    const deltas: string[] = [];
    ids.forEach((t, i) => {
      p.process(t);
      if (i <= 10) expect([p.currentChannel, p.currentRecipient, p.currentContentType]).toEqual([null, null, null]);
      if (i === 11) expect([p.currentChannel, p.currentRecipient, p.currentContentType]).toEqual(['commentary', 'functions.get_weather', '<|constrain|>json']);
      if (p.lastContentDelta) deltas.push(p.lastContentDelta);
    });
    expect(deltas).toEqual(['{"', 'city', '":"', 'SF', '"}']);
    expect(p.currentChannel).toBeNull();
    expect(p.messages).toHaveLength(1);
    expect(p.tokens).toEqual(ids);
  });
});

describe('tolerant mode', () => {
  const t = (text: string, role: Role | null = 'assistant') => flat(parseMessagesFromCompletionTokens(enc(text), role, { tolerant: true }));
  test('refusal without a header, then normal messages', () => {
    expect(t(REFUSAL)).toEqual([
      { role: 'assistant', content: 'I must refuse' },
      { role: 'assistant', channel: 'analysis', content: 'We must refuse' },
      { role: 'assistant', channel: 'final', content: "I'm sorry, but I can't help with that." },
    ]);
  });
  test('final <|constrain|>json is a final answer with a content type', () => {
    expect(t('<|channel|>final <|constrain|>json<|message|>{"a":1}<|return|>')).toEqual([
      { role: 'assistant', channel: 'final', content_type: '<|constrain|>json', content: '{"a":1}' },
    ]);
  });
  test('text after a stop and a missing <|start|>', () => {
    expect(t('<|channel|>final<|message|>A<|end|><|channel|>final<|message|>B<|end|> tail')).toEqual([
      { role: 'assistant', channel: 'final', content: 'A' },
      { role: 'assistant', channel: 'final', content: 'B' },
      { role: 'assistant', content: ' tail' },
    ]);
  });
  test('missing <|end|> before <|start|>, doubled <|start|>', () => {
    expect(t('<|channel|>analysis<|message|>think<|start|><|start|>assistant<|channel|>final<|message|>done<|return|>')).toEqual([
      { role: 'assistant', channel: 'analysis', content: 'think' },
      { role: 'assistant', channel: 'final', content: 'done' },
    ]);
  });
  test('missing <|message|> on a later message is kept, not dropped', () => {
    expect(t('<|channel|>final<|message|>A<|end|><|start|>assistant<|channel|>commentary Hello<|end|>')).toEqual([
      { role: 'assistant', channel: 'final', content: 'A' },
      { role: 'assistant', channel: 'commentary', content: 'Hello' },
    ]);
  });
  test('invalid ids never throw', () => {
    const p = new StreamParser({ tolerant: true });
    for (const id of [-1, 1.5, 4294967295, NaN, 200008, 200006, 999999, 200008, 200007]) p.process(id);
    expect(() => p.processEos()).not.toThrow();
  });
});
