// Renders training conversations to exact Harmony token ids with a loss mask over the tokens the model must
// generate itself, builds the sub-vocabulary the trainer works in (with one "unknown" row for every other
// id), and packs it all into the compact files the GPU training call carries.
import { gzipSync } from 'node:zlib';
import { SPECIAL, decodeUtf8, encodeOrdinary, tokenBytes } from '../../src/harmony/encoding';
import { conversationHasFunctionTools, dropAnalysis, renderConversation, renderMessage } from '../../src/harmony/render';
import type { Message } from '../../src/harmony/types';
import type { Example } from './conversations';

export const DATA_SEED = 20260115;
export const TRAIN_COUNT = 200_000;
export const VALID_COUNT = 1_000;
/** Ids seen fewer times than this only in user text map to the unknown row (so that row is trained). */
export const MIN_COUNT = 12;

export interface Rendered {
  ids: number[];
  /** mask[i] = 1: ids[i] is a training target (predicted from ids[0..i-1]). */
  mask: number[];
  /** swap[i] = 1: ids[i] is user text outside the task's own words (not a number): the trainer may replace it with
   * the unknown row, like the unseen words people type around a question. */
  swap: number[];
}

export const ASSISTANT_HEADER = [SPECIAL.start, ...encodeOrdinary('assistant')];

/**
 * The prompt is rendered as a conversation (earlier turns lose their analysis, spec §6.1); the turn's messages
 * are appended one by one, exactly as the engine sees them when it continues after a tool result. A final
 * answer ends with <|return|>. Assistant tokens are targets, except `<|start|>assistant` after a user or tool
 * message, which the app supplies.
 */
export function renderExample(ex: Example): Rendered {
  const all: Message[] = [...ex.prompt, ...ex.turn];
  const hasFunctions = conversationHasFunctionTools(all);
  const ids: number[] = [];
  const swap: number[] = [];
  let user = 0;
  for (const m of dropAnalysis(ex.prompt)) {
    const part = renderMessage(m, { conversationHasFunctionTools: hasFunctions });
    ids.push(...part);
    swap.push(...(m.author.role === 'user' ? swappable(part, m, ex.protect[user++] ?? []) : part.map(() => 0)));
  }
  const mask = ids.map(() => 0);
  ex.turn.forEach((m, i) => {
    const part = renderMessage(m, { conversationHasFunctionTools: hasFunctions });
    const isLast = i === ex.turn.length - 1;
    if (isLast && m.author.role === 'assistant' && m.channel === 'final') part[part.length - 1] = SPECIAL.return;
    const prev = i === 0 ? 'user' : ex.turn[i - 1]!.author.role;
    const supplied = m.author.role !== 'assistant' ? part.length : prev === 'assistant' ? 0 : ASSISTANT_HEADER.length;
    part.forEach((id, j) => {
      ids.push(id);
      mask.push(j >= supplied ? 1 : 0);
      swap.push(0);
    });
  });
  return { ids, mask, swap };
}

const USER_HEAD = 3; // <|start|> user <|message|>
/** Flags for a rendered user message: content tokens outside the protected phrases, numbers excepted. */
function swappable(part: number[], m: Message, protect: readonly string[]): number[] {
  const flags = part.map(() => 0);
  const text = m.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
  const content = part.slice(USER_HEAD, -1);
  if (content.length !== encodeOrdinary(text).length) return flags;
  const lower = text.toLowerCase();
  const bytesBefore = (i: number) => Buffer.byteLength(text.slice(0, i));
  const ranges = protect.filter((p) => p.length > 0).flatMap((p) => {
    const at = lower.indexOf(p.toLowerCase());
    return at < 0 ? [] : [[bytesBefore(at), bytesBefore(at + p.length)] as const];
  });
  let start = 0;
  content.forEach((id, i) => {
    const end = start + (tokenBytes(id)?.length ?? 0);
    const inTask = ranges.some(([a, b]) => start < b && end > a);
    if (!inTask && !/^\s*\d+$/.test(decodeUtf8([id]))) flags[USER_HEAD + i] = 1;
    start = end;
  });
  return flags;
}

/** The prompt the app sends for the turn: the rendered prompt plus `<|start|>assistant`. */
export function promptIds(ex: Example): number[] {
  return [...renderConversation(ex.prompt), ...ASSISTANT_HEADER];
}

/** Every number token 0..999 in its 1-, 2- and 3-digit spellings: the model must be able to copy any of them. */
export function numberIds(): number[] {
  const s = new Set<number>();
  for (let n = 0; n < 1000; n++) for (const t of [String(n), String(n).padStart(2, '0'), String(n).padStart(3, '0')]) s.add(encodeOrdinary(t)[0]!);
  return [...s];
}

/**
 * Sorted ids the model trains on: every id it must produce (targets, tool output), every number token, the
 * Harmony specials, and ids seen at least MIN_COUNT times in the rest of the data. Everything else (rare
 * words, typos' odd pieces) reads the unknown row, in training as at inference.
 */
export function buildVocab(rendered: readonly Rendered[], minCount = MIN_COUNT): number[] {
  const keep = new Set<number>([SPECIAL.start, SPECIAL.end, SPECIAL.message, SPECIAL.channel, SPECIAL.constrain, SPECIAL.call, SPECIAL.return, ...numberIds()]);
  const counts = new Map<number, number>();
  for (const r of rendered) {
    r.ids.forEach((id, i) => {
      if (r.mask[i]) keep.add(id);
      else counts.set(id, (counts.get(id) ?? 0) + 1);
    });
  }
  for (const [id, n] of counts) if (n >= minCount) keep.add(id);
  return [...keep].sort((a, b) => a - b);
}

/** Full id -> trainer row (index in vocab, or vocab.length = unknown). */
export function rowMapper(vocab: readonly number[]): (id: number) => number {
  const rows = new Map(vocab.map((id, i) => [id, i]));
  return (id) => rows.get(id) ?? vocab.length;
}

/**
 * The trainer's binary rows, gzipped, little-endian: uint32 count N, uint32 offsets[N + 1], uint16 prelude
 * index[N], then uint16 tokens (trainer rows in bits 0-13; bit 15 = loss mask; bit 14 = may be swapped for the
 * unknown row). Each row omits its prelude, which the trainer runs once
 * per step and shares.
 */
export function packRows(rendered: readonly Rendered[], preludes: readonly (readonly number[])[], toRow: (id: number) => number): Buffer {
  const n = rendered.length;
  const offsets = new Uint32Array(n + 1);
  const which = new Uint16Array(n);
  const parts: Uint16Array[] = [];
  rendered.forEach((r, i) => {
    const p = preludes.findIndex((pre) => pre.every((id, j) => r.ids[j] === id));
    if (p < 0) throw new Error(`conversation ${i} does not start with a known prelude`);
    if (r.mask.slice(0, preludes[p]!.length + 1).some(Boolean)) throw new Error(`conversation ${i} has a target inside its prelude`);
    const rest = r.ids.slice(preludes[p]!.length).map((id, j) => {
      const row = toRow(id);
      if (row >= 0x4000) throw new Error('vocabulary too large for 14-bit rows');
      const at = preludes[p]!.length + j;
      return row | (r.mask[at] ? 0x8000 : 0) | (r.swap[at] ? 0x4000 : 0);
    });
    which[i] = p;
    offsets[i + 1] = offsets[i]! + rest.length;
    parts.push(Uint16Array.from(rest));
  });
  const head = new Uint32Array([n]);
  const chunks = [head, offsets, which, ...parts].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  return gzipSync(Buffer.concat(chunks), { level: 6 });
}
