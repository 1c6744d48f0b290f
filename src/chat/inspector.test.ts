import { describe, expect, test } from 'vitest';
import { encodeOrdinary, SPECIAL, tokenBytes } from '../harmony/encoding';
import { encodeWithSpecials } from '../harmony/testing/tokens';
import { isValidUtf8 } from '../harmony/utf8';
import { inspectTurn, strictParseFailure, tokensAsIds, tokensAsText } from './inspector';

const PROMPT = '<|start|>system<|message|>Be brief.<|end|><|start|>user<|message|>What is 17 * 23?<|end|><|start|>assistant';
const COMPLETION =
  '<|channel|>analysis<|message|>Use the calculator.<|end|>' +
  '<|start|>assistant to=functions.calculator<|channel|>commentary <|constrain|>json<|message|>{"expression":"17 * 23"}<|call|>' +
  '<|start|>functions.calculator to=assistant<|channel|>commentary<|message|>391<|end|>' +
  '<|start|>assistant<|channel|>final<|message|>17 × 23 = 391.<|return|>';

describe('token inspector', () => {
  const prompt = encodeWithSpecials(PROMPT);
  const completion = encodeWithSpecials(COMPLETION);
  const ins = inspectTurn(prompt, completion);

  test('messages: role, channel, recipient, counts, and which part they come from', () => {
    const summary = ins.messages.map((m) => [m.role, m.name ?? '', m.channel ?? '', m.recipient ?? '', m.parts.join('+')]);
    expect(summary).toEqual([
      ['system', '', '', '', 'prompt'],
      ['user', '', '', '', 'prompt'],
      ['assistant', '', 'analysis', '', 'prompt+completion'],
      ['assistant', '', 'commentary', 'functions.calculator', 'completion'],
      ['tool', 'functions.calculator', 'commentary', 'assistant', 'completion'],
      ['assistant', '', 'final', '', 'completion'],
    ]);
    expect(ins.messages.reduce((n, m) => n + m.tokenCount, 0)).toBe(prompt.length + completion.length);
    for (const m of ins.messages) expect(m.tokenCount).toBe(m.end - m.start);
    expect(ins.messages[1]!.tokenCount).toBe(encodeWithSpecials('<|start|>user<|message|>What is 17 * 23?<|end|>').length);
    expect([ins.promptCount, ins.completionCount]).toEqual([prompt.length, completion.length]);
    expect(ins.parseError).toBeUndefined();
  });

  test('tokens: ids, special names, header flags, part indices', () => {
    const t = ins.tokens;
    expect(t).toHaveLength(prompt.length + completion.length);
    expect(t[0]).toEqual({ index: 0, partIndex: 0, part: 'prompt', id: SPECIAL.start, text: '<|start|>', special: true, partial: false, unknown: false, message: 0, header: false });
    expect(t[1]).toMatchObject({ text: 'system', header: true, special: false, message: 0 });
    expect(t[2]).toMatchObject({ text: '<|message|>', header: false, special: true });
    const firstCompletion = t[prompt.length]!;
    expect(firstCompletion).toMatchObject({ part: 'completion', partIndex: 0, text: '<|channel|>', header: true, message: 2 });
    expect(t.filter((x) => x.special).map((x) => x.text)).toContain('<|constrain|>');
    expect(t.map((x) => x.text).join('')).toBe(PROMPT + COMPLETION);
  });

  test('bytes of a character split across tokens are shown as hex, and joined back when copied', () => {
    const text = '𝔘𝔫𝔦 🫠';
    const ids = encodeOrdinary(text);
    const split = ids.filter((id) => !isValidUtf8(tokenBytes(id)!));
    expect(split.length).toBeGreaterThan(0); // the test needs a split character
    const r = inspectTurn([SPECIAL.start, ...encodeOrdinary('user'), SPECIAL.message, ...ids, SPECIAL.end]);
    const partial = r.tokens.filter((x) => x.partial);
    expect(partial.map((x) => x.id)).toEqual(split);
    for (const p of partial) expect(p.text).toMatch(/^⟨[0-9a-f]{2}( [0-9a-f]{2})*⟩$/);
    expect(tokensAsText(ids)).toBe(text);
  });

  test('unknown ids are marked, never dropped', () => {
    const r = inspectTurn([SPECIAL.start, 999_999, SPECIAL.message, 12, SPECIAL.end]);
    expect(r.tokens[1]).toMatchObject({ unknown: true, text: '⟨unknown id 999999⟩' });
    expect(tokensAsText([12, 999_999, 12])).toBe('-⟨unknown id 999999⟩-');
  });

  test('copy as text and as ids', () => {
    expect(tokensAsText(completion)).toBe(COMPLETION);
    expect(tokensAsIds([200006, 1428, 200008])).toBe('200006, 1428, 200008');
  });

  test('a completion that breaks the format: the token index and the strict parser’s error', () => {
    const broken = encodeWithSpecials('<|channel|>final<|message|>Hi.<|end|>oops');
    const r = inspectTurn(prompt, broken);
    const at = broken.length - encodeOrdinary('oops').length;
    expect(r.parseError).toEqual({ tokenIndex: at, message: `Unexpected token ${broken[at]} while expecting start token 200006` });
    expect(r.tokens[prompt.length + at]!.partIndex).toBe(at);
    // Cut off inside a header: the error is at the end of the stream.
    const cut = encodeWithSpecials('<|channel|>fin');
    expect(strictParseFailure(cut)).toEqual({ tokenIndex: cut.length, message: 'Unexpected EOS while waiting for message header to complete' });
  });
});
