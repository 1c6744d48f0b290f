// One contract, three implementations: memory, IndexedDB (Dexie on fake-indexeddb) and the resilient wrapper.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { sampleConversation } from '../chat/testing/conversations';
import type { AssistantNode, Conversation } from '../chat/types';
import { OvertoneDb } from './db';
import { DexieRepository } from './dexie-repository';
import { MemoryRepository } from './memory-repository';
import type { ConversationRepository } from './repository';
import { ResilientRepository } from './resilient-repository';

const dexie = () => new DexieRepository(new OvertoneDb('test', { indexedDB: new IDBFactory(), IDBKeyRange }));
const kinds: [string, () => ConversationRepository, boolean][] = [
  ['memory', () => new MemoryRepository(), false],
  ['dexie', dexie, true],
  ['resilient(dexie)', () => new ResilientRepository(dexie()), true],
];

const titled = (id: string, title: string, updatedAt: number): Conversation => ({ ...sampleConversation(id, title), updatedAt });

describe.each(kinds)('%s repository', (_name, make, persistent) => {
  test('says whether it persists', () => {
    expect(make().persistent).toBe(persistent);
  });

  test('put, get and list (newest first); values are copies', async () => {
    const repo = make();
    const a = titled('a', 'First', 10);
    await repo.put(a);
    await repo.put(titled('b', 'Second', 20));
    expect(await repo.get('a')).toEqual(a);
    expect((await repo.list()).map((s) => s.id)).toEqual(['b', 'a']);
    expect(await repo.list()).toEqual([
      { id: 'b', title: 'Second', createdAt: a.createdAt, updatedAt: 20 },
      { id: 'a', title: 'First', createdAt: a.createdAt, updatedAt: 10 },
    ]);
    a.title = 'changed after put';
    expect((await repo.get('a'))!.title).toBe('First');
    expect(await repo.get('missing')).toBeUndefined();
  });

  test('search by title: every word, any case, accents ignored', async () => {
    const repo = make();
    await repo.put(titled('a', 'Crème brûlée recipe', 1));
    await repo.put(titled('b', 'Tax return 2024', 2));
    await repo.put(titled('c', 'Brulee for two', 3));
    expect((await repo.search('BRULEE')).map((s) => s.id)).toEqual(['c', 'a']);
    expect((await repo.search('brûlée recipe')).map((s) => s.id)).toEqual(['a']);
    expect((await repo.search('  ')).map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect(await repo.search('nothing like it')).toEqual([]);
  });

  test('delete hides, undo restores, purge drops for good', async () => {
    const repo = make();
    await repo.put(titled('a', 'Keep', 1));
    await repo.put(titled('b', 'Delete me', 2));
    await repo.remove('b', 1000);
    expect((await repo.list()).map((s) => s.id)).toEqual(['a']);
    expect(await repo.get('b')).toBeUndefined();
    expect(await repo.search('delete')).toEqual([]);
    // A write to a deleted conversation (a late write-behind flush) does not bring it back.
    await repo.put(titled('b', 'Delete me', 3));
    expect(await repo.get('b')).toBeUndefined();
    expect(await repo.restore('b')).toBe(true);
    expect((await repo.get('b'))!.updatedAt).toBe(3);
    expect(await repo.restore('b')).toBe(false);
    await repo.remove('b', 1000);
    await repo.remove('a', 5000);
    expect(await repo.purgeDeleted(2000)).toBe(1);
    expect(await repo.restore('b')).toBe(false);
    expect(await repo.restore('a')).toBe(true);
    expect((await repo.all()).map((c) => c.id)).toEqual(['a']);
    await repo.remove('a', 6000);
    await repo.put(titled('z', 'Live', 1));
    expect((await repo.ids()).sort()).toEqual(['a', 'z']);
  });

  test('putMany lands everything; all() returns full conversations newest first', async () => {
    const repo = make();
    const many = [titled('x', 'X', 5), titled('y', 'Y', 7)];
    await repo.putMany(many);
    expect(await repo.all()).toEqual([many[1], many[0]]);
  });

  test('a turn left streaming reads back interrupted, every token kept', async () => {
    const repo = make();
    const c = sampleConversation('s');
    const a1 = c.nodes.a1 as AssistantNode;
    a1.turn = { ...a1.turn, status: 'streaming', messages: [a1.turn.messages[0]!], streaming: { channel: 'final', text: '39' }, completionIds: [1, 2, 3] };
    delete a1.turn.endedAt;
    await repo.put(c);
    const back = (await repo.get('s'))!.nodes.a1 as AssistantNode;
    expect(back.turn.status).toBe('interrupted');
    expect(back.turn.streaming).toBeUndefined();
    expect(back.turn.messages.map((m) => [m.channel, m.content[0]])).toEqual([
      ['analysis', { type: 'text', text: 'Multiply.' }],
      ['final', { type: 'text', text: '39' }],
    ]);
    expect(back.turn.completionIds).toEqual([1, 2, 3]);
    expect(back.turn.endedAt).toBe(c.updatedAt);
  });

  test('settings: any structured value under a key', async () => {
    const repo = make();
    expect(await repo.getSetting('sampling')).toBeUndefined();
    await repo.putSetting('sampling', { temperature: 0.7, tools: ['calculator'] });
    await repo.putSetting('theme', 'dark');
    expect(await repo.getSetting('sampling')).toEqual({ temperature: 0.7, tools: ['calculator'] });
    expect(await repo.settings()).toEqual({ sampling: { temperature: 0.7, tools: ['calculator'] }, theme: 'dark' });
  });
});
