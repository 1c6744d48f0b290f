// Start-up and failure paths: the v1 -> v2 migration, no IndexedDB, a failing or blocked open, a full quota.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { sampleConversation } from '../chat/testing/conversations';
import type { Conversation } from '../chat/types';
import { DB_VERSION, OvertoneDb, SCHEMA_V1 } from './db';
import { DexieRepository } from './dexie-repository';
import { openStorage } from './open-storage';
import { ResilientRepository } from './resilient-repository';
import type { StorageStatus } from './resilient-repository';

describe('schema migration', () => {
  test('a database written by version 1 opens under version 2 with every conversation and setting', async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('overtone', { indexedDB, IDBKeyRange });
    v1.version(1).stores(SCHEMA_V1);
    const older: Conversation = { ...sampleConversation('old', 'Old Crème'), updatedAt: 5 };
    const newer: Conversation = { ...sampleConversation('new', 'Newer'), updatedAt: 9 };
    await v1.table('conversations').bulkPut([older, newer]);
    await v1.table('settings').put({ key: 'sampling', value: { temperature: 0.5 } });
    v1.close();

    const repo = await openStorage({ indexedDB, IDBKeyRange });
    expect(repo.status).toEqual({ persistent: true });
    expect((await repo.list()).map((s) => s.id)).toEqual(['new', 'old']);
    expect(await repo.get('old')).toEqual(older);
    expect((await repo.search('creme')).map((s) => s.id)).toEqual(['old']);
    expect(await repo.getSetting('sampling')).toEqual({ temperature: 0.5 });

    // The rows now have the v2 shape: summaries without trees, trees in their own table.
    const db = new OvertoneDb('overtone', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    const row = await db.conversations.get('old');
    expect(row).toEqual({ id: 'old', title: 'Old Crème', searchKey: 'old creme', createdAt: older.createdAt, updatedAt: 5 });
    expect((await db.trees.get('old'))!.nodes).toEqual(older.nodes);
    db.close();
  });
});

describe('no storage: memory, with a typed error', () => {
  test('IndexedDB missing (private mode)', async () => {
    const repo = await openStorage({ indexedDB: null });
    expect(repo.persistent).toBe(false);
    expect(repo.status.error?.code).toBe('storage-unavailable');
    expect(repo.status.error?.fix).toMatch(/private/);
    await repo.put(sampleConversation());
    expect((await repo.list()).map((s) => s.id)).toEqual(['c1']);
  });

  test('an open that fails', async () => {
    const indexedDB = new IDBFactory();
    indexedDB.open = () => {
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    };
    const repo = await openStorage({ indexedDB, IDBKeyRange });
    expect(repo.status).toMatchObject({ persistent: false, error: { code: 'storage-unavailable' } });
    expect(repo.status.error!.message).toMatch(/mutation operation/);
    await repo.put(sampleConversation());
    expect(await repo.get('c1')).toEqual(sampleConversation());
  });

  test('an open that never completes (blocked) gives up after the timeout', async () => {
    const indexedDB = new IDBFactory();
    indexedDB.open = () => ({}) as IDBOpenDBRequest; // a request whose events never fire
    const repo = await openStorage({ indexedDB, IDBKeyRange, openTimeoutMs: 30 });
    expect(repo.status).toMatchObject({ persistent: false, error: { code: 'storage-unavailable' } });
    expect(repo.status.error!.message).toMatch(/timed out/);
  });
});

describe('quota exceeded while running', () => {
  test('the failed save lands in memory, earlier data is still readable, the UI is told once', async () => {
    let full = false;
    const db = new OvertoneDb('q', { indexedDB: new IDBFactory(), IDBKeyRange });
    // A Dexie middleware makes every write fail like a full disk does in a browser.
    db.use({
      stack: 'dbcore',
      name: 'quota',
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return { ...t, mutate: (req) => (full ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) : t.mutate(req)) };
        },
      }),
    });
    const repo = new ResilientRepository(new DexieRepository(db));
    const seen: StorageStatus[] = [];
    repo.subscribe((s) => seen.push(s));
    await repo.put({ ...sampleConversation('a', 'Saved before'), updatedAt: 1 });
    await repo.putSetting('theme', 'dark');
    full = true;
    await repo.put({ ...sampleConversation('b', 'Saved after'), updatedAt: 2 });
    await repo.put({ ...sampleConversation('c', 'And again'), updatedAt: 3 });
    expect(repo.persistent).toBe(false);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.error!.code).toBe('storage-quota');
    expect(seen[0]!.error!.fix).toMatch(/Free space/);
    expect((await repo.list()).map((s) => s.title)).toEqual(['And again', 'Saved after', 'Saved before']);
    expect(await repo.getSetting('theme')).toBe('dark');
  });
});
