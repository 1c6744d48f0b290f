import { describe, expect, it } from 'vitest';
import { turnParts } from '../chat/parts';
import { assistantMessage as am, makeTurn } from '../chat/testing/turns';
import type { AssistantTurn } from '../chat/types';
import { turnAnnouncement } from './announce';

const say = (turn: AssistantTurn) => turnAnnouncement(turn, turnParts(turn));

describe('turnAnnouncement', () => {
  it('names the phase, not the tokens', () => {
    expect(say(makeTurn({ status: 'streaming' }))).toBe('Reading your message…');
    expect(say(makeTurn({ status: 'streaming', streaming: { channel: 'analysis', text: 'hmm' } }))).toBe('Thinking…');
    expect(say(makeTurn({ status: 'streaming', streaming: { channel: 'analysis', text: 'hmm, more' } }))).toBe('Thinking…');
    expect(say(makeTurn({ status: 'streaming', streaming: { channel: 'commentary', recipient: 'functions.calculator', text: '{' } }))).toBe(
      'Using the tool calculator…',
    );
    expect(say(makeTurn({ status: 'streaming', messages: [am('analysis', 'x')], streaming: { channel: 'final', text: 'It' } }))).toBe('Writing the answer…');
    expect(say(makeTurn({ status: 'done' }))).toBe('Reply finished.');
    expect(say(makeTurn({ status: 'stopped' }))).toBe('Reply stopped.');
    expect(say(makeTurn({ status: 'error', error: { code: 'device-lost', message: 'GPU lost.', fix: 'Recover.' } }))).toBe('Reply failed: GPU lost.');
  });
});
