import { describe, expect, test } from 'vitest';
import { activePath, branchPosition, editUserMessage, pathMessages, regenerateReply, switchBranch } from './branches';
import { sampleConversation, text, turnOf } from './testing/conversations';
import type { AssistantNode, Conversation, UserNode } from './types';

const texts = (c: Conversation) => pathMessages(activePath(c)).map((m) => `${m.author.role}:${m.channel ?? ''}:${m.content[0]!.type === 'text' ? m.content[0]!.text : ''}`);

describe('branches', () => {
  test('the active path follows activeChild from the root', () => {
    expect(activePath(sampleConversation()).map((n) => n.id)).toEqual(['u1', 'a1']);
    expect(texts(sampleConversation())).toEqual(['user::What is 17 * 23?', 'assistant:analysis:Multiply.', 'assistant:final:391']);
  });

  test('edit and resend: a sibling user node becomes active; the old branch stays', () => {
    const c0 = sampleConversation();
    const c1 = editUserMessage(c0, 'u1', 'What is 17 * 24?', 'u2', 9);
    expect(c0.nodes.root!.children).toEqual(['u1']); // immutable
    expect(c1.nodes.root).toEqual({ id: 'root', role: 'root', children: ['u1', 'u2'], activeChild: 1 });
    expect(c1.nodes.u2).toEqual({ id: 'u2', parentId: 'root', role: 'user', text: 'What is 17 * 24?', children: [], activeChild: 0, createdAt: 9 } satisfies UserNode);
    expect(activePath(c1).map((n) => n.id)).toEqual(['u2']);
    expect(c1.updatedAt).toBe(9);
    expect(branchPosition(c1, 'u2')).toEqual({ index: 1, count: 2 });
    const back = switchBranch(c1, 'u2', -1);
    expect(activePath(back).map((n) => n.id)).toEqual(['u1', 'a1']);
    expect(branchPosition(back, 'u1')).toEqual({ index: 0, count: 2 });
  });

  test('regenerate: a sibling assistant node with the new turn', () => {
    const c = regenerateReply(sampleConversation(), 'a1', turnOf([text('assistant', '391!', { channel: 'final' })], { status: 'streaming' }), 'a2', 7);
    expect(c.nodes.u1).toMatchObject({ children: ['a1', 'a2'], activeChild: 1 });
    expect((c.nodes.a2 as AssistantNode).turn.status).toBe('streaming');
    expect(texts(c)).toEqual(['user::What is 17 * 23?', 'assistant:final:391!']);
    expect(branchPosition(c, 'a1')).toEqual({ index: 0, count: 2 });
  });

  test('switching clamps at both ends and returns the same object when nothing moves', () => {
    let c = regenerateReply(sampleConversation(), 'a1', turnOf([]), 'a2', 7);
    c = regenerateReply(c, 'a1', turnOf([]), 'a3', 8);
    expect(branchPosition(c, 'a3')).toEqual({ index: 2, count: 3 });
    expect(switchBranch(c, 'a3', 1)).toBe(c);
    const first = switchBranch(c, 'a3', -5);
    expect(first.nodes.u1!.activeChild).toBe(0);
    expect(switchBranch(first, 'a2', 1).nodes.u1!.activeChild).toBe(2);
    expect(switchBranch(c, 'root', 1)).toBe(c);
    expect(switchBranch(c, 'nope', 1)).toBe(c);
  });

  test('wrong node kinds and reused ids are errors; a damaged tree never loops', () => {
    const c = sampleConversation();
    expect(() => editUserMessage(c, 'a1', 'x', 'u9', 1)).toThrow(/not a user node/);
    expect(() => regenerateReply(c, 'u1', turnOf([]), 'a9', 1)).toThrow(/not an assistant node/);
    expect(() => editUserMessage(c, 'u1', 'x', 'a1', 1)).toThrow(/already used/);
    const loop: Conversation = { ...c, nodes: { ...c.nodes, a1: { ...(c.nodes.a1 as AssistantNode), children: ['u1'] } } };
    expect(activePath(loop).map((n) => n.id)).toEqual(['u1', 'a1']);
  });
});
