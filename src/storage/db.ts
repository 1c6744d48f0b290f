// The IndexedDB schema (Dexie), every version kept so an old database upgrades step by step.
//   v1: `conversations` held whole Conversation objects (tree included); `settings` key/value.
//   v2: the tree moves to `trees`, so the sidebar lists titles without reading every tree; `conversations`
//       keeps the summary plus `searchKey` (title search) and `deletedAt` (soft delete, undo), indexed for
//       purging. The upgrade moves every v1 row; nothing is lost.
import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import type { ChatNode, Conversation } from '../chat/types';
import { searchKey } from './repository';

export const DB_NAME = 'overtone';
export const DB_VERSION = 2;

/** v1 row: a whole conversation. */
export type ConversationRowV1 = Conversation;

export interface ConversationRow {
  id: string;
  title: string;
  searchKey: string;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
}

export interface TreeRow {
  id: string;
  nodes: Record<string, ChatNode>;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Schema strings per version (Dexie: primary key first, then indexes). */
export const SCHEMA_V1 = { conversations: 'id, updatedAt', settings: 'key' } as const;
export const SCHEMA_V2 = { conversations: 'id, updatedAt, deletedAt', trees: 'id', settings: 'key' } as const;

/** v1 -> v2: split each conversation into its summary row and its tree row. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const old = (await tx.table('conversations').toArray()) as ConversationRowV1[];
  await tx.table('trees').bulkPut(old.map((c): TreeRow => ({ id: c.id, nodes: c.nodes })));
  await tx.table('conversations').bulkPut(
    old.map((c): ConversationRow => ({ id: c.id, title: c.title, searchKey: searchKey(c.title), createdAt: c.createdAt, updatedAt: c.updatedAt })),
  );
}

export class OvertoneDb extends Dexie {
  conversations!: Table<ConversationRow, string>;
  trees!: Table<TreeRow, string>;
  settings!: Table<SettingRow, string>;

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
  }
}
