import { describe, expect, test } from 'vitest';
import { activePath, appendAssistant, appendUser, branchInfo, branchUser, lastNode, newConversation, replaceTurn, ROOT_ID, switchBranch, titleFromText } from './tree';
import type { AssistantTurn, Conversation } from './types';

const turn = (text: string): AssistantTurn => ({
  modelId: 'm', effort: 'low', messages: [{ author: { role: 'assistant' }, channel: 'final', content: [{ type: 'text', text }] }], tools: [], status: 'done', warnings: [],
  stats: { prefillTokens: 0, prefillMs: 0, decodeTokens: 0, decodeMs: 0, reusedTokens: 0, analysisTokens: 0, finalTokens: 0, rounds: 1 }, startedAt: 0,
});
const show = (c: Conversation) => activePath(c).map((n) => (n.role === 'user' ? `U:${n.text}` : `A:${n.turn.messages[0]!.content[0]!.type === 'text' ? (n.turn.messages[0]!.content[0] as { text: string }).text : ''}`));

function chat(): Conversation {
  let c = newConversation('c1', 1);
  c = appendUser(c, ROOT_ID, 'What is 17 * 23?', 'u1', 2);
  c = appendAssistant(c, 'u1', turn('391'), 'a1', 3);
  c = appendUser(c, 'a1', 'And 2 + 2?', 'u2', 4);
  return appendAssistant(c, 'u2', turn('4'), 'a2', 5);
}

describe('conversation tree', () => {
  test('append and the active path; the first message titles the chat', () => {
    const c = chat();
    expect(show(c)).toEqual(['U:What is 17 * 23?', 'A:391', 'U:And 2 + 2?', 'A:4']);
    expect(c.title).toBe('What is 17 * 23?');
    expect(c.updatedAt).toBe(5);
    expect(lastNode(c).id).toBe('a2');
    expect(lastNode(newConversation('x', 0)).id).toBe(ROOT_ID);
    expect(() => appendUser(c, 'u2', 'two users in a row', 'bad', 6)).toThrow();
    expect(() => appendAssistant(c, 'a2', turn('x'), 'bad', 6)).toThrow();
  });

  test('functions never mutate their input', () => {
    const c = chat();
    const frozen = JSON.stringify(c);
    appendUser(c, 'a2', 'more', 'u3', 9);
    branchUser(c, 'u1', 'edited', 'u1b', 9);
    switchBranch(c, 'a1', 0);
    replaceTurn(c, 'a2', turn('5'), 9);
    expect(JSON.stringify(c)).toBe(frozen);
  });

  test('regenerate branches under the same user message; both answers stay reachable', () => {
    let c = appendAssistant(chat(), 'u2', turn('four'), 'a2b', 6);
    expect(show(c).at(-1)).toBe('A:four');
    expect(branchInfo(c, 'a2b')).toEqual({ index: 1, count: 2 });
    c = switchBranch(c, 'a2b', 0);
    expect(show(c).at(-1)).toBe('A:4');
    expect(branchInfo(c, 'a2')).toEqual({ index: 0, count: 2 });
  });

  test('edit-and-resend branches the user message; switching back restores the old subtree', () => {
    let c = branchUser(chat(), 'u1', 'What is 2 * 3?', 'u1b', 6);
    expect(show(c)).toEqual(['U:What is 2 * 3?']);
    c = appendAssistant(c, 'u1b', turn('6'), 'a1b', 7);
    expect(show(c)).toEqual(['U:What is 2 * 3?', 'A:6']);
    c = switchBranch(c, 'u1b', 0);
    expect(show(c)).toEqual(['U:What is 17 * 23?', 'A:391', 'U:And 2 + 2?', 'A:4']);
    expect(branchInfo(c, 'u1')).toEqual({ index: 0, count: 2 });
    expect(c.title).toBe('What is 17 * 23?');
    // Out-of-range or root switches change nothing.
    expect(switchBranch(c, 'u1', 5)).toBe(c);
    expect(switchBranch(c, ROOT_ID, 0)).toBe(c);
  });

  test('replaceTurn swaps a turn in place (streaming updates, retry)', () => {
    const c = replaceTurn(chat(), 'a1', turn('three hundred ninety-one'), 8);
    expect(show(c)[1]).toBe('A:three hundred ninety-one');
    expect(() => replaceTurn(c, 'u1', turn('x'), 8)).toThrow();
  });

  test('titles: first line, collapsed whitespace, at most 60 characters', () => {
    expect(titleFromText('  Hello   there \n second line')).toBe('Hello there');
    const long = 'word '.repeat(30);
    const t = titleFromText(long);
    expect([...t].length).toBeLessThanOrEqual(60);
    expect(t.endsWith('…')).toBe(true);
    expect(titleFromText('😊'.repeat(70))).toBe('😊'.repeat(59) + '…');
  });
});
