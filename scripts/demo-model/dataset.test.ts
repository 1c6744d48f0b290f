import { describe, expect, test } from 'vitest';
import { SPECIAL, decodeUtf8 } from '../../src/harmony/encoding';
import { parseMessagesFromCompletionTokens } from '../../src/harmony/parser';
import { renderConversationForTraining } from '../../src/harmony/render';
import { evalOp, isHeldOutPair, makeExample, seeded } from './conversations';
import { ASSISTANT_HEADER, buildVocab, generate, promptIds, renderExample } from './dataset';

const train = generate('train', 300, 7);

describe('demo data generator', () => {
  test('is deterministic for a seed and differs across seeds', () => {
    expect(generate('train', 20, 7).map(renderExample)).toEqual(train.slice(0, 20).map(renderExample));
    expect(generate('train', 20, 8).map((e) => renderExample(e).ids)).not.toEqual(train.slice(0, 20).map((e) => renderExample(e).ids));
  });

  test('single-turn examples render exactly like the Harmony renderer for training', () => {
    const single = train.filter((e) => e.prompt.length === 3);
    expect(single.length).toBeGreaterThan(50);
    for (const ex of single) {
      expect(renderExample(ex).ids).toEqual(renderConversationForTraining([...ex.prompt, ...ex.turn], { autoDropAnalysis: false }));
    }
  });

  test('multi-turn examples drop the earlier turn analysis but keep the current one', () => {
    const multi = train.filter((e) => e.prompt.length > 3);
    expect(multi.length).toBeGreaterThan(30);
    for (const ex of multi) {
      const text = decodeUtf8(renderExample(ex).ids);
      expect(text.split('<|channel|>analysis').length - 1).toBe(1);
    }
  });

  test('the masked targets are exactly the assistant tokens the model generates', () => {
    for (const ex of train.slice(0, 80)) {
      const { ids, mask } = renderExample(ex);
      const prompt = promptIds(ex);
      expect(ids.slice(0, prompt.length)).toEqual(prompt);
      expect(mask.slice(0, prompt.length).every((m) => m === 0)).toBe(true);
      // What follows the prompt parses strictly back into the turn's messages.
      const completion = ids.slice(prompt.length);
      const parsed = parseMessagesFromCompletionTokens(completion, 'assistant', { strict: true });
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

  test('arithmetic answers state the true value; held-out operand pairs never occur in training', () => {
    const r = seeded(3);
    for (let i = 0; i < 400; i++) {
      const ex = makeExample(r, 'train');
      if (ex.expect.kind !== 'calc') continue;
      const [a, op, b] = ex.expect.args!.expression!.split(' ');
      expect(isHeldOutPair(Number(a), op as '+', Number(b))).toBe(false);
      expect(ex.expect.toolOutput).toBe(String(evalOp(Number(a), op as '+', Number(b))));
    }
    for (const ex of generate('heldout', 100, 9).filter((e) => e.expect.kind === 'calc')) {
      const [a, op, b] = ex.expect.args!.expression!.split(' ');
      expect(isHeldOutPair(Number(a), op as '+', Number(b))).toBe(true);
    }
  });

  test('the vocabulary is sorted, unique and covers every training id', () => {
    const rendered = train.map(renderExample);
    const vocab = buildVocab(rendered);
    expect([...vocab].sort((a, b) => a - b)).toEqual(vocab);
    expect(new Set(vocab).size).toBe(vocab.length);
    const s = new Set(vocab);
    expect(rendered.every((r) => r.ids.every((id) => s.has(id)))).toBe(true);
  });
});
