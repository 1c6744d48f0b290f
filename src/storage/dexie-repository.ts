// The repository on IndexedDB through Dexie (schema in db.ts). Every failure leaves as a StorageError
// (storage-quota / storage-unavailable); a conversation's summary and tree are written in one transaction.
import type { Conversation } from '../chat/types';
import type { ConversationRow, OvertoneDb, TreeRow } from './db';
import { recoverInterrupted } from '../chat/interrupted';
import { byUpdatedDesc, matchesQuery, searchKey, summaryOf, type ConversationRepository, type ConversationSummary } from './repository';
import { toStorageError } from './storage-error';

async function guarded<T>(during: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw toStorageError(e, during);
  }
}

function rowOf(c: Conversation, deletedAt: number | undefined): ConversationRow {
  const row: ConversationRow = { id: c.id, title: c.title, searchKey: searchKey(c.title), createdAt: c.createdAt, updatedAt: c.updatedAt };
  if (deletedAt !== undefined) row.deletedAt = deletedAt;
  return row;
}

export class DexieRepository implements ConversationRepository {
  readonly persistent = true;
  constructor(private readonly db: OvertoneDb) {}

  private async liveRows(): Promise<ConversationRow[]> {
    return (await this.db.conversations.toArray()).filter((r) => r.deletedAt === undefined);
  }

  list(): Promise<ConversationSummary[]> {
    return guarded('listing conversations', async () => (await this.liveRows()).map(summaryOf).sort(byUpdatedDesc));
  }

  search(query: string): Promise<ConversationSummary[]> {
    return guarded('searching conversations', async () =>
      (await this.liveRows()).filter((r) => matchesQuery(r.title, query)).map(summaryOf).sort(byUpdatedDesc),
    );
  }

  get(id: string): Promise<Conversation | undefined> {
    return guarded('reading a conversation', () =>
      this.db.transaction('r', this.db.conversations, this.db.trees, async () => {
        const row = await this.db.conversations.get(id);
        if (!row || row.deletedAt !== undefined) return undefined;
        const tree = await this.db.trees.get(id);
        if (!tree) return undefined;
        return recoverInterrupted({ id: row.id, title: row.title, createdAt: row.createdAt, updatedAt: row.updatedAt, nodes: tree.nodes });
      }),
    );
  }

  put(conversation: Conversation): Promise<void> {
    return this.putMany([conversation]);
  }

  putMany(conversations: readonly Conversation[]): Promise<void> {
    return guarded('saving', () =>
      this.db.transaction('rw', this.db.conversations, this.db.trees, async () => {
        const existing = await this.db.conversations.bulkGet(conversations.map((c) => c.id));
        await this.db.conversations.bulkPut(conversations.map((c, i) => rowOf(c, existing[i]?.deletedAt)));
        await this.db.trees.bulkPut(conversations.map((c): TreeRow => ({ id: c.id, nodes: c.nodes })));
      }),
    );
  }

  remove(id: string, now: number): Promise<void> {
    return guarded('deleting a conversation', async () => {
      await this.db.conversations.where('id').equals(id).and((r) => r.deletedAt === undefined).modify({ deletedAt: now });
    });
  }

  restore(id: string): Promise<boolean> {
    return guarded('restoring a conversation', () =>
      this.db.transaction('rw', this.db.conversations, async () => {
        const row = await this.db.conversations.get(id);
        if (!row || row.deletedAt === undefined) return false;
        const { deletedAt: _gone, ...rest } = row;
        await this.db.conversations.put(rest);
        return true;
      }),
    );
  }

  purgeDeleted(before: number): Promise<number> {
    return guarded('removing deleted conversations', () =>
      this.db.transaction('rw', this.db.conversations, this.db.trees, async () => {
        const ids = (await this.db.conversations.where('deletedAt').below(before).primaryKeys()) as string[];
        await this.db.conversations.bulkDelete(ids);
        await this.db.trees.bulkDelete(ids);
        return ids.length;
      }),
    );
  }

  ids(): Promise<string[]> {
    return guarded('reading conversations', async () => (await this.db.conversations.toCollection().primaryKeys()) as string[]);
  }

  all(): Promise<Conversation[]> {
    return guarded('reading all conversations', () =>
      this.db.transaction('r', this.db.conversations, this.db.trees, async () => {
        const rows = (await this.liveRows()).sort(byUpdatedDesc);
        const trees = await this.db.trees.bulkGet(rows.map((r) => r.id));
        return rows.flatMap((r, i) => {
          const t = trees[i];
          return t ? [recoverInterrupted({ id: r.id, title: r.title, createdAt: r.createdAt, updatedAt: r.updatedAt, nodes: t.nodes })] : [];
        });
      }),
    );
  }

  getSetting<T>(key: string): Promise<T | undefined> {
    return guarded('reading settings', async () => (await this.db.settings.get(key))?.value as T | undefined);
  }

  putSetting(key: string, value: unknown): Promise<void> {
    return guarded('saving settings', async () => {
      await this.db.settings.put({ key, value });
    });
  }

  settings(): Promise<Record<string, unknown>> {
    return guarded('reading settings', async () => Object.fromEntries((await this.db.settings.toArray()).map((r) => [r.key, r.value])));
  }
}
