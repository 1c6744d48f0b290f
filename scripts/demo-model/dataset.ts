// Renders demo conversations to exact Harmony token ids with a loss mask over the tokens the model must
// generate itself, and builds the sub-vocabulary the trainer works in.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPECIAL, encodeOrdinary } from '../../src/harmony/encoding';
import { conversationHasFunctionTools, renderConversation, renderMessage } from '../../src/harmony/render';
import type { Message } from '../../src/harmony/types';
import { makeExample, seeded, type Example, type Split } from './conversations';

export const DATA_SEED = 20260115;
export const TRAIN_COUNT = 24000;
export const HELDOUT_COUNT = 800;
/** Regenerable data (never committed) lives in node_modules/.cache, which git ignores. */
export const DEFAULT_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.cache', 'overtone-demo-data');

export interface Rendered {
  ids: number[];
  /** mask[i] = 1: ids[i] is a training target (predicted from ids[0..i-1]). */
  mask: number[];
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
  const ids = renderConversation(ex.prompt);
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
    });
  });
  return { ids, mask };
}

/** The prompt the app sends for the turn: the rendered prompt plus `<|start|>assistant`. */
export function promptIds(ex: Example): number[] {
  return [...renderConversation(ex.prompt), ...ASSISTANT_HEADER];
}

export function generate(split: Split, count: number, seed: number): Example[] {
  const r = seeded(seed);
  return Array.from({ length: count }, () => makeExample(r, split));
}

/** Sorted ids that occur in the training data, plus the Harmony specials the model may emit. */
export function buildVocab(rendered: readonly Rendered[]): number[] {
  const s = new Set<number>([SPECIAL.start, SPECIAL.end, SPECIAL.message, SPECIAL.channel, SPECIAL.constrain, SPECIAL.call, SPECIAL.return]);
  for (const r of rendered) for (const id of r.ids) s.add(id);
  return [...s].sort((a, b) => a - b);
}
