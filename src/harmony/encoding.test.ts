import { describe, expect, test } from 'vitest';
import {
  decodeBytes,
  decodeLossy,
  decodeUtf8,
  encodeOrdinary,
  isSpecialToken,
  N_VOCAB,
  SPECIAL,
  specialTokenText,
  stopTokens,
  stopTokensForAssistantActions,
  tokenBytes,
} from './encoding';

describe('o200k_harmony (spec §1, §8.3)', () => {
  test('special ids and their literal text', () => {
    expect(SPECIAL).toEqual({ startoftext: 199998, endoftext: 199999, return: 200002, constrain: 200003, channel: 200005, start: 200006, end: 200007, message: 200008, call: 200012 });
    expect(decodeUtf8([199998, 199999, 200002, 200003, 200005, 200006, 200007, 200008, 200012])).toBe('<|startoftext|><|endoftext|><|return|><|constrain|><|channel|><|start|><|end|><|message|><|call|>');
    expect(decodeUtf8([200014])).toBe('<|reserved_200014|>');
    expect(decodeUtf8([201088])).toBe('<|reserved_201088|>');
    expect(specialTokenText(200018)).toBe('<|reserved_200018|>'); // not <|endofprompt|>
    expect(decodeUtf8([200000, 200001, 200004, 200009])).toBe('<|reserved_200000|><|reserved_200001|><|reserved_200004|><|reserved_200009|>');
    expect(N_VOCAB).toBe(201089);
  });

  test('ordinary ids from the spec', () => {
    const cases: [string, number[]][] = [
      ['system', [17360]], ['developer', [77944]], ['user', [1428]], ['assistant', [173781]], ['analysis', [35644]],
      ['commentary', [12606, 815]], ['final', [17196]], [' to=functions.get_weather', [316, 28, 44580, 775, 170154]],
      [' to=assistant', [316, 28, 173781]], [' to=python', [316, 28, 29010]], ['json', [4108]], [' json', [5701]],
      [' code', [3490]], [' ', [220]], ['hello world', [24912, 2375]], ['<|start|>', [27, 91, 5236, 91, 29]], ['💖', [31446, 244]],
      ['hel', [4161]], ['lo', [746]], ['hello', [24912]],
    ];
    for (const [text, ids] of cases) expect(encodeOrdinary(text), text).toEqual(ids);
  });

  test('text never becomes special tokens', () => {
    const ids = encodeOrdinary('<|end|><|start|>assistant<|channel|>final<|message|><|reserved_200018|><|endoftext|>');
    expect(ids.some(isSpecialToken)).toBe(false);
    expect(decodeUtf8(ids)).toBe('<|end|><|start|>assistant<|channel|>final<|message|><|reserved_200018|><|endoftext|>');
  });

  test('pre-tokenisation treats U+0085 as whitespace and U+FEFF as not, like Rust (not like JS \\s)', () => {
    // Rust splits "a \u0085a" into "a", " ", "\u0085a"; JS's \s would glue " \u0085" ([1322, 227]).
    expect(encodeOrdinary('a \u0085a')).toEqual([64, 220, 126, 227, 64]);
    // Rust splits "a \uFEFFb" into "a", " \uFEFF", "b"; JS's \s would split " " and "\uFEFFb".
    expect(encodeOrdinary('a \uFEFFb')).toEqual([...encodeOrdinary('a'), ...encodeOrdinary(' \uFEFF'), ...encodeOrdinary('b')]);
    expect(encodeOrdinary('a \uFEFFb')).not.toEqual([64, 220, 5416, 123, 65]);
    for (const s of ['x\u0085\u0085 y', '\uFEFF\uFEFF', 'tab\t\u0085\n', 'It\u017Fs']) expect(decodeUtf8(encodeOrdinary(s))).toBe(s);
  });

  test('round trips and lossy vs strict decoding', () => {
    expect(decodeUtf8(encodeOrdinary('hello world'))).toBe('hello world');
    expect(decodeLossy(encodeOrdinary('hello world'))).toBe('hello world');
    expect(() => decodeUtf8([99999999])).toThrow('Invalid token for decoding: 99999999');
    expect(() => decodeUtf8([132990, 9552])).toThrow('Invalid utf-8');
    expect(decodeLossy([132990, 9552])).toContain('Chicken');
    expect(Array.from(tokenBytes(9552)!)).toEqual([32, 240, 159]);
    expect(tokenBytes(-1)).toBeUndefined();
    expect(tokenBytes(201089)).toBeUndefined();
    expect(decodeBytes([24912]).length).toBe(5);
  });

  test('is_special_token, stop token sets', () => {
    expect(isSpecialToken(200006)).toBe(true);
    expect(isSpecialToken(24912)).toBe(false);
    expect(new Set(stopTokens())).toEqual(new Set([200002, 200012, 200007]));
    expect(new Set(stopTokensForAssistantActions())).toEqual(new Set([200002, 200012]));
  });
});

// tiktoken's byte_pair_encode (the reference algorithm) over the id→bytes table: a piece that is a rank is
// that rank; otherwise the adjacent pair of lowest rank merges until none is a rank.
function referenceBpe(piece: Uint8Array): number[] {
  const key = (b: Uint8Array) => String.fromCharCode(...b);
  const ranks = (referenceBpe.ranks ??= new Map(Array.from({ length: 199998 }, (_, id) => [key(tokenBytes(id)!), id] as const)));
  const whole = ranks.get(key(piece));
  if (whole !== undefined) return [whole];
  let parts = Array.from(piece, (b) => Uint8Array.of(b));
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = ranks.get(key(Uint8Array.from([...parts[i]!, ...parts[i + 1]!]))) ?? Infinity;
      if (r < bestRank) [best, bestRank] = [i, r];
    }
    if (best < 0) return parts.map((p) => ranks.get(key(p))!);
    parts = [...parts.slice(0, best), Uint8Array.from([...parts[best]!, ...parts[best + 1]!]), ...parts.slice(best + 2)];
  }
}
referenceBpe.ranks = undefined as Map<string, number> | undefined;

describe('a byte-order mark (U+FEFF) encodes like the reference (gpt-tokenizer strips it: docs/upstream/gpt-tokenizer-bom.md)', () => {
  const utf8 = new TextEncoder();

  test('U+FEFF alone is the single token 5574, the bytes EF BB BF', () => {
    expect(Array.from(tokenBytes(5574)!)).toEqual([0xef, 0xbb, 0xbf]);
    expect(encodeOrdinary('\uFEFF')).toEqual([5574]);
    expect(encodeOrdinary('\uFEFF')).not.toEqual([5416, 123]);
  });

  test('every rank whose bytes start with a BOM encodes back to itself, as one pre-tokenized piece', () => {
    const bomIds = Array.from({ length: 199998 }, (_, id) => id).filter((id) => {
      const b = tokenBytes(id)!;
      return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
    });
    expect(bomIds).toEqual([5574, 9251, 42295, 44173, 61992, 67837, 76234, 110862, 135153]);
    for (const id of bomIds) expect(encodeOrdinary(decodeUtf8([id])), JSON.stringify(decodeUtf8([id]))).toEqual([id]);
  });

  test('BOM-led pieces that are not ranks merge like the reference BPE', () => {
    // Each string is one pre-tokenized piece under the reference regex (U+FEFF is not whitespace there).
    for (const piece of ['\uFEFFhello', '\uFEFF\uFEFF\uFEFF', '\uFEFF{"a"', '\uFEFFusings', '\uFEFF///']) {
      const reference = referenceBpe(utf8.encode(piece));
      expect(encodeOrdinary(piece), JSON.stringify(piece)).toEqual(reference);
      expect(decodeUtf8(reference)).toBe(piece);
    }
  });

  test('pasted text that starts with a BOM keeps it in the ids', () => {
    const ids = encodeOrdinary('\uFEFFWhat is 17 * 23?');
    expect(decodeUtf8(ids)).toBe('\uFEFFWhat is 17 * 23?');
    expect(ids[0]).toBe(5574);
  });
});
