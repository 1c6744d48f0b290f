// o200k_harmony (HARMONY-SPEC §1): the o200k_base BPE ranks from gpt-tokenizer plus Harmony's special
// tokens. Two corrections over gpt-tokenizer's own o200k_harmony, both checked by encoding.test.ts:
// - pre-tokenisation uses Rust's `\s` (Unicode White_Space: includes U+0085, excludes U+FEFF), as the
//   reference tokenizer does, instead of JS's `\s`;
// - 200018 is `<|reserved_200018|>` (not `<|endofprompt|>`) and 201088 exists (`<|reserved_201088|>`).
// And one repair: byte sequences that start with a UTF-8 byte-order mark (EF BB BF) are looked up by their
// bytes, not through gpt-tokenizer's BOM-stripping decoder (docs/upstream/gpt-tokenizer-bom.md).
import { BytePairEncodingCore } from 'gpt-tokenizer/BytePairEncodingCore';
import o200kRanks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { HarmonyError } from './types';

export const SPECIAL = {
  startoftext: 199998,
  endoftext: 199999,
  return: 200002,
  constrain: 200003,
  channel: 200005,
  start: 200006,
  end: 200007,
  message: 200008,
  call: 200012,
} as const;

/** Rows of the model's embedding / logits (ids 0…201087). */
export const VOCAB_SIZE = 201088;
/** Ids the tokenizer knows, 201088 included. */
export const N_VOCAB = 201089;
const FIRST_SPECIAL = 199998;
const LAST_SPECIAL = 201088;

const NAMED_SPECIALS: Record<number, string> = {
  199998: '<|startoftext|>',
  199999: '<|endoftext|>',
  200002: '<|return|>',
  200003: '<|constrain|>',
  200005: '<|channel|>',
  200006: '<|start|>',
  200007: '<|end|>',
  200008: '<|message|>',
  200012: '<|call|>',
};

export function isSpecialToken(id: number): boolean {
  return Number.isInteger(id) && id >= FIRST_SPECIAL && id <= LAST_SPECIAL;
}

export function specialTokenText(id: number): string | undefined {
  if (!isSpecialToken(id)) return undefined;
  return NAMED_SPECIALS[id] ?? `<|reserved_${id}|>`;
}

// Rust regex `\s` = Unicode White_Space. Written out so JS and Rust split U+0085 / U+FEFF the same way.
const WS = String.raw`\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;
// (?i:'s|'t|'re|'ve|'m|'ll|'d) with Unicode simple case folding (ſ folds to s).
const CONTRACTION = String.raw`(?:'(?:[sSſ]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD]))?`;
const UPPERISH = String.raw`[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`;
const LOWERISH = String.raw`[\p{Ll}\p{Lm}\p{Lo}\p{M}]`;
const O200K_SPLIT = new RegExp(
  [
    String.raw`[^\r\n\p{L}\p{N}]?${UPPERISH}*${LOWERISH}+${CONTRACTION}`,
    String.raw`[^\r\n\p{L}\p{N}]?${UPPERISH}+${LOWERISH}*${CONTRACTION}`,
    String.raw`\p{N}{1,3}`,
    String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n/]*`,
    String.raw`[${WS}]*[\r\n]+`,
    String.raw`[${WS}]+(?![^${WS}])`,
    String.raw`[${WS}]+`,
  ].join('|'),
  'gu',
);

// gpt-tokenizer's own split regex differs from Rust's only on U+0085, U+FEFF (\\s) and U+017F (case
// folding of 's): text without them takes its faster regex, which splits identically.
const NEEDS_RUST_SPLIT = /[\u0085\uFEFF\u017F]/;
let rustCore: BytePairEncodingCore | undefined;
let fastCore: BytePairEncodingCore | undefined;
function makeCore(tokenSplitRegex: RegExp): BytePairEncodingCore {
  // No special token is ever allowed here: ordinary encoding turns `<|end|>` text into ordinary tokens.
  const core = new BytePairEncodingCore({
    bytePairRankDecoder: o200kRanks,
    specialTokensEncoder: new Map([['<|endoftext|>', SPECIAL.endoftext]]),
    tokenSplitRegex,
  });
  return withBomSafeLookup(core);
}

const startsWithBom = (b: ArrayLike<number>): boolean => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
const byteKey = (b: ArrayLike<number>): string => String.fromCharCode(...Array.from(b));

// Ranks whose bytes start with EF BB BF (9 in o200k), keyed by their bytes as a Latin-1 string.
let bomRanks: Map<string, number> | undefined;
function bomRank(key: Uint8Array): number | undefined {
  if (!bomRanks) {
    bomRanks = new Map();
    const ranks = o200kRanks as readonly (string | readonly number[] | undefined)[];
    const utf8 = new TextEncoder();
    ranks.forEach((v, rank) => {
      const bytes = typeof v === 'string' ? (v.startsWith('\uFEFF') ? utf8.encode(v) : undefined) : v;
      if (bytes && startsWithBom(bytes)) bomRanks!.set(byteKey(bytes), rank);
    });
  }
  return bomRanks.get(byteKey(key));
}

/**
 * gpt-tokenizer 4.0.0 turns a candidate merge's bytes into a string with `new TextDecoder('utf8')`, which
 * strips a leading BOM: EF BB BF becomes "" (no rank, so U+FEFF ends up as [5416, 123] instead of 5574) and
 * EF BB BF + "x" is looked up as "x". Bytes that start with a BOM are looked up here by their bytes instead.
 */
function withBomSafeLookup(core: BytePairEncodingCore): BytePairEncodingCore {
  // The lookup is private in the typings; it is an ordinary method on the prototype, shadowed per instance.
  const c = core as unknown as { getBpeRankFromBytes(key: Uint8Array): number | undefined };
  const original = c.getBpeRankFromBytes.bind(core);
  c.getBpeRankFromBytes = (key) => (startsWithBom(key) ? bomRank(key) : original(key));
  return core;
}

/** Ordinary BPE encoding: never produces special ids, whatever the text contains. */
export function encodeOrdinary(text: string): number[] {
  if (NEEDS_RUST_SPLIT.test(text)) return (rustCore ??= makeCore(O200K_SPLIT)).encodeNative(text);
  return (fastCore ??= makeCore(O200K_TOKEN_SPLIT_REGEX)).encodeNative(text);
}

// Raw bytes of each id, computed on first use of that id and kept: O(1) lookups on the parser's hot path
// without encoding all 201,089 ids up front (that took ~0.5 s on the main thread at the first token).
const utf8 = new TextEncoder();
const byteCache: (Uint8Array | null | undefined)[] = new Array(N_VOCAB);
function bytesOf(id: number): Uint8Array | null {
  if (id >= FIRST_SPECIAL) return utf8.encode(specialTokenText(id)!);
  const v = (o200kRanks as readonly (string | readonly number[] | undefined)[])[id];
  return typeof v === 'string' ? utf8.encode(v) : v ? Uint8Array.from(v) : null;
}

/** Bytes of one id; special ids give their literal text; undefined for ids the tokenizer does not know. */
export function tokenBytes(id: number): Uint8Array | undefined {
  if (!Number.isInteger(id) || id < 0 || id >= N_VOCAB) return undefined;
  let b = byteCache[id];
  if (b === undefined) b = byteCache[id] = bytesOf(id);
  return b ?? undefined;
}

export function decodeBytes(ids: readonly number[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let len = 0;
  for (const id of ids) {
    const b = tokenBytes(id);
    if (!b) throw new HarmonyError(`Invalid token for decoding: ${id}`);
    parts.push(b);
    len += b.length;
  }
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Strict decode: unknown ids and invalid UTF-8 are errors (reference `decode_utf8`). */
export function decodeUtf8(ids: readonly number[]): string {
  const bytes = decodeBytes(ids);
  try {
    return strict.decode(bytes);
  } catch {
    throw new HarmonyError(`Invalid utf-8 in the bytes of tokens [${ids.join(', ')}]`);
  }
}

/** Lossy decode: invalid UTF-8 becomes U+FFFD (reference `decode`); unknown ids are still errors. */
export function decodeLossy(ids: readonly number[]): string {
  return lossy.decode(decodeBytes(ids));
}

/** Tokens that end a message inside the parser. */
export function stopTokens(): number[] {
  return [SPECIAL.return, SPECIAL.call, SPECIAL.end];
}

/** What a sampler stops on: `<|end|>` must NOT stop it (the model continues with the final message). */
export function stopTokensForAssistantActions(): number[] {
  return [SPECIAL.return, SPECIAL.call];
}
