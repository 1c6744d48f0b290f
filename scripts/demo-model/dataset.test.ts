import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { SPECIAL, decodeUtf8, encodeOrdinary } from '../../src/harmony/encoding';
import { parseMessagesFromCompletionTokens } from '../../src/harmony/parser';
import { renderConversation, renderConversationForTraining } from '../../src/harmony/render';
import { KNOWN_CITIES } from './cities';
import { generate } from './conversations';
import { ASSISTANT_HEADER, buildVocab, numberIds, packRows, promptIds, renderExample, rowMapper } from './dataset';
import { EFFORTS, prelude } from './prelude';
import { calculate, formatNumber } from '../../src/tools/calculator';

const train = generate(400, 7);
const text = (m: { content: { type: string; text?: string }[] }) => m.content.map((c) => c.text ?? '').join('');

describe('demo training data', () => {
  test('is deterministic for a seed and differs across seeds', () => {
    expect(generate(20, 7).map(renderExample)).toEqual(train.slice(0, 20).map(renderExample));
    expect(generate(20, 8).map((e) => renderExample(e).ids)).not.toEqual(train.slice(0, 20).map((e) => renderExample(e).ids));
  });

  test('single-turn examples render exactly like the Harmony renderer for training', () => {
    const single = train.filter((e) => e.prompt.length === 3);
    expect(single.length).toBeGreaterThan(100);
    for (const ex of single) {
      expect(renderExample(ex).ids).toEqual(renderConversationForTraining([...ex.prompt, ...ex.turn], { autoDropAnalysis: false }));
    }
  });

  test('an earlier turn loses its analysis, the current one keeps it', () => {
    const oneEarlier = train.filter((e) => e.prompt.filter((m) => m.author.role === 'user').length === 2);
    expect(oneEarlier.length).toBeGreaterThan(50);
    for (const ex of oneEarlier) expect(decodeUtf8(renderExample(ex).ids).split('<|channel|>analysis').length - 1).toBe(1);
  });

  test('the masked targets are exactly the assistant tokens the model generates', () => {
    for (const ex of train.slice(0, 120)) {
      const { ids, mask } = renderExample(ex);
      const prompt = promptIds(ex);
      expect(ids.slice(0, prompt.length)).toEqual(prompt);
      expect(mask.slice(0, prompt.length).every((m) => m === 0)).toBe(true);
      const parsed = parseMessagesFromCompletionTokens(ids.slice(prompt.length), 'assistant', { strict: true });
      expect(parsed.map((m) => [m.author.role, m.channel, m.recipient])).toEqual(ex.turn.map((m) => [m.author.role, m.channel, m.recipient]));
      expect(ids[ids.length - 1]).toBe(SPECIAL.return);
      expect(mask[mask.length - 1]).toBe(1);
      const callAt = ids.lastIndexOf(SPECIAL.call);
      if (ex.expect.tool) {
        expect(mask[callAt]).toBe(1);
        // The tool result and the `<|start|>assistant` after it are supplied by the app, not generated.
        const resumeAt = ids.lastIndexOf(SPECIAL.start);
        expect(ids.slice(resumeAt, resumeAt + ASSISTANT_HEADER.length)).toEqual(ASSISTANT_HEADER);
        expect(mask.slice(callAt + 1, resumeAt + ASSISTANT_HEADER.length).every((m) => m === 0)).toBe(true);
        expect(mask[resumeAt + ASSISTANT_HEADER.length]).toBe(1);
      } else {
        expect(callAt < prompt.length).toBe(true);
      }
    }
  });

  test('only user text outside the task\'s words is swappable: never numbers, the expression or a known city', () => {
    let flagged = 0;
    for (const ex of train) {
      const { ids, swap } = renderExample(ex);
      expect(swap.length).toBe(ids.length);
      ids.forEach((id, i) => swap[i] && expect(decodeUtf8([id])).not.toMatch(/^\s*\d+$/));
      // The last user message: its unflagged tokens still spell every protected phrase.
      const start = ids.lastIndexOf(SPECIAL.start, promptIds(ex).length - 3);
      const end = ids.indexOf(SPECIAL.end, start);
      const kept = decodeUtf8(ids.slice(start + 3, end).map((id, j) => (swap[start + 3 + j] ? -1 : id)).filter((id) => id >= 0)).toLowerCase();
      for (const p of ex.protect[ex.protect.length - 1]!) expect(kept).toContain(p.toLowerCase());
      if (swap.some(Boolean)) flagged++;
    }
    expect(flagged).toBeGreaterThan(train.length / 2);
  });

  test('calculator calls copy the user\'s numbers, and the final quotes the tool output verbatim', () => {
    const calcs = train.filter((e) => e.expect.tool === 'calculator');
    expect(calcs.length).toBeGreaterThan(120);
    for (const ex of calcs) {
      const expression = ex.expect.args!.expression!;
      const user = text(ex.prompt[ex.prompt.length - 1]!);
      const previous = ex.prompt.filter((m) => m.author.role === 'tool').map(text);
      for (const n of expression.match(/\d+(?:\.\d+)?/g)!) expect(user.includes(n) || previous.includes(n)).toBe(true);
      expect(ex.expect.toolOutput).toBe(formatNumber(calculate(expression)));
      expect(text(ex.turn[2]!)).toBe(ex.expect.toolOutput);
      expect(text(ex.turn[3]!)).toContain(ex.expect.toolOutput!);
    }
  });

  test('time calls name a known city\'s zone, or no zone for a place the model does not know', () => {
    const zones = new Set(KNOWN_CITIES.map(([, z]) => z));
    const times = train.filter((e) => e.expect.tool === 'get_current_time');
    expect(times.length).toBeGreaterThan(40);
    for (const ex of times) {
      const zone = ex.expect.args!.timezone;
      if (ex.expect.category === 'time-unknown' || ex.expect.category === 'time-here') expect(zone).toBeUndefined();
      else expect(zones.has(zone!)).toBe(true);
      expect(text(ex.turn[3]!)).toContain(ex.expect.toolOutput!);
    }
  });

  test('out-of-scope requests get the capability decline and no tool', () => {
    const declines = train.filter((e) => e.expect.declines);
    expect(declines.length).toBeGreaterThan(20);
    for (const ex of declines) {
      expect(ex.turn.map((m) => m.channel)).toEqual(['analysis', 'final']);
      expect(text(ex.turn[1]!)).toMatch(/arithmetic.*time/);
    }
  });

  test('small talk gets a reply that fits it: thanks -> welcome, goodbyes -> goodbye, and no tool', () => {
    const talk = generate(3000, 8).filter((e) => e.expect.category === 'small-talk');
    const user = (e: (typeof talk)[number]) => text(e.prompt[e.prompt.length - 1]!);
    expect(talk.length).toBeGreaterThan(200);
    for (const ex of talk) expect(ex.turn.map((m) => m.channel)).toEqual(['analysis', 'final']);
    const reply = (re: RegExp) => talk.filter((e) => re.test(user(e))).map((e) => text(e.turn[1]!));
    const thanks = reply(/^(thanks|thnx|tks|much obliged)[.!]?$/i);
    const byes = reply(/^(cya|gn|take care)[.!]?$/i);
    expect(thanks.length).toBeGreaterThan(3);
    expect(byes.length).toBeGreaterThan(3);
    for (const r of thanks) expect(r).toMatch(/welcome/);
    for (const r of byes) expect(r).toMatch(/Goodbye/);
  });
});

describe('vocabulary and packed rows', () => {
  const rendered = train.map(renderExample);
  const vocab = buildVocab(rendered, 3);

  test('the vocabulary is sorted and unique and holds every target id, every number token and the specials', () => {
    expect([...vocab].sort((a, b) => a - b)).toEqual(vocab);
    expect(new Set(vocab).size).toBe(vocab.length);
    const s = new Set(vocab);
    for (const r of rendered) r.ids.forEach((id, i) => r.mask[i] && expect(s.has(id)).toBe(true));
    expect(numberIds().every((id) => s.has(id))).toBe(true);
    expect(numberIds().length).toBe(1110);
    expect(s.has(encodeOrdinary('042')[0]!)).toBe(true);
    expect(s.has(SPECIAL.call) && s.has(SPECIAL.return)).toBe(true);
  });

  test('rare input-only ids read the unknown row', () => {
    const toRow = rowMapper(vocab);
    expect(toRow(vocab[5]!)).toBe(5);
    const rare = rendered.flatMap((r) => r.ids).find((id) => !vocab.includes(id));
    expect(rare).toBeDefined();
    expect(toRow(rare!)).toBe(vocab.length);
  });

  test('packRows writes the layout train.py reads: count, offsets, prelude index, rows with the mask and swap bits', () => {
    const preludes = EFFORTS.map((e) => renderConversation(prelude(e)));
    const some = rendered.slice(0, 30);
    const toRow = rowMapper(vocab);
    const buf = gunzipSync(packRows(some, preludes, toRow));
    const n = buf.readUInt32LE(0);
    expect(n).toBe(30);
    const offsets = Array.from({ length: n + 1 }, (_, i) => buf.readUInt32LE(4 + 4 * i));
    const tokensAt = 4 + 4 * (n + 1) + 2 * n;
    some.forEach((r, i) => {
      const p = buf.readUInt16LE(4 + 4 * (n + 1) + 2 * i);
      const P = preludes[p]!.length;
      expect(r.ids.slice(0, P)).toEqual(preludes[p]);
      const row = Array.from({ length: offsets[i + 1]! - offsets[i]! }, (_, j) => buf.readUInt16LE(tokensAt + 2 * (offsets[i]! + j)));
      expect(row.map((v) => v & 0x3fff)).toEqual(r.ids.slice(P).map(toRow));
      expect(row.map((v) => v >> 15)).toEqual(r.mask.slice(P));
      expect(row.map((v) => (v >> 14) & 1)).toEqual(r.swap.slice(P));
    });
  });
});
