import { describe, expect, test } from 'vitest';
import { KNOWN_CITIES } from './cities';
import { TRAINING_TEXTS, generate } from './conversations';
import {
  EVAL_CALC_FRAMES, EVAL_FOLLOW_CALC, EVAL_FOLLOW_CITY, EVAL_PREFIXES, EVAL_SMALL_TALK, EVAL_SUFFIXES, EVAL_TIME_CITY, EVAL_TIME_HERE, EVAL_TIME_ZONE,
  EVAL_UNKNOWN_PLACES, heldoutSet,
} from './heldout-conversations';
import { calculate, formatNumber } from '../../src/tools/calculator';

const held = heldoutSet();
const turns = held.flatMap((c) => c.turns);

describe('held-out generator', () => {
  test('is deterministic', () => {
    expect(heldoutSet(30)).toEqual(held.slice(0, 30));
  });

  test('shares no frame, filler, small-talk line or place list with the training generator', () => {
    const training = new Set(Object.values(TRAINING_TEXTS).flat().map((s) => s.trim().toLowerCase()));
    const heldTexts = [EVAL_CALC_FRAMES, EVAL_FOLLOW_CALC, EVAL_FOLLOW_CITY, EVAL_PREFIXES, EVAL_SUFFIXES, EVAL_SMALL_TALK, EVAL_TIME_CITY, EVAL_TIME_HERE, EVAL_TIME_ZONE, EVAL_UNKNOWN_PLACES].flat();
    expect(heldTexts.filter((s) => training.has(s.trim().toLowerCase()))).toEqual([]);
    const known = new Set(KNOWN_CITIES.map(([c]) => c.toLowerCase()));
    expect(EVAL_UNKNOWN_PLACES.filter((p) => known.has(p.toLowerCase()))).toEqual([]);
  });

  test('no held-out user message occurs in 20,000 training conversations', () => {
    const seen = new Set(generate(20000, 11).flatMap((e) => e.prompt.filter((m) => m.author.role === 'user').map((m) => m.content.map((c) => (c.type === 'text' ? c.text : '')).join(''))));
    expect(seen.size).toBeGreaterThan(15000);
    expect(turns.map((t) => t.user).filter((u) => seen.has(u))).toEqual([]);
  }, 60_000);

  test('covers every category and the goal ranges: operands up to 99,999, decimals, negative results, parentheses, every effort, two turns', () => {
    const categories = new Set(turns.map((t) => t.expect.category));
    for (const c of ['calc-int', 'calc-decimal', 'calc-negative', 'calc-paren', 'time-here', 'time-city', 'time-zone', 'time-unknown-place', 'small-talk', 'out-of-scope', 'concept', 'follow-up-calc', 'follow-up-time']) expect(categories.has(c)).toBe(true);
    expect(new Set(held.map((c) => c.effort))).toEqual(new Set(['low', 'medium', 'high']));
    expect(held.filter((c) => c.turns.length === 2).length).toBeGreaterThan(40);
    const features = new Set(turns.flatMap((t) => t.features));
    for (const f of ['lower', 'typo', 'extra-words', 'second-turn']) expect(features.has(f)).toBe(true);
    const calcs = turns.filter((t) => t.expect.tool === 'calculator');
    const numbers = calcs.flatMap((t) => t.expect.args!.expression!.match(/\d+(?:\.\d+)?/g)!.map(Number));
    expect(Math.max(...numbers)).toBeGreaterThan(90000);
    expect(Math.max(...numbers)).toBeLessThan(100000);
    expect(calcs.some((t) => t.expect.toolOutput!.startsWith('-'))).toBe(true);
    expect(calcs.some((t) => t.expect.args!.expression!.includes('('))).toBe(true);
    for (const t of calcs) expect(t.expect.toolOutput).toBe(formatNumber(calculate(t.expect.args!.expression!)));
  });
});
