import { describe, expect, test } from 'vitest';
import { cleanTitle, deleteConversation, newConversation, renameConversation, titleFromMessage, TITLE_MAX, UNTITLED } from './conversation-list';
import { MemoryRepository } from './memory-repository';

describe('conversation list', () => {
  test('a new conversation is an empty tree', () => {
    expect(newConversation('x', 42)).toEqual({ id: 'x', title: UNTITLED, createdAt: 42, updatedAt: 42, nodes: { root: { id: 'root', role: 'root', children: [], activeChild: 0 } } });
  });

  test('rename: one trimmed line, long titles cut on a code point; empty keeps the old title', () => {
    const c = newConversation('x', 1);
    expect(renameConversation(c, '  Trip\n plans ', 5)).toMatchObject({ title: 'Trip plans', updatedAt: 5 });
    expect(renameConversation(c, '   ', 5)).toBe(c);
    const long = '😊'.repeat(200);
    const t = cleanTitle(long);
    expect([...t]).toHaveLength(TITLE_MAX);
    expect(t.endsWith('…')).toBe(true);
    expect(t.includes('\uFFFD')).toBe(false);
    expect(titleFromMessage('\n\n')).toBe(UNTITLED);
    expect(titleFromMessage('What is <b>17</b> * 23?')).toBe('What is <b>17</b> * 23?');
  });

  test('delete with undo', async () => {
    const repo = new MemoryRepository();
    await repo.put(newConversation('x', 1));
    const deleted = await deleteConversation(repo, 'x', 100);
    expect(await repo.list()).toEqual([]);
    expect(await deleted.undo()).toBe(true);
    expect((await repo.list()).map((s) => s.id)).toEqual(['x']);
    expect(await deleted.undo()).toBe(false);
  });
});
