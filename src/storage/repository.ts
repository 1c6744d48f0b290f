// What the chat store needs from storage, whatever keeps the data: IndexedDB (dexie-repository.ts) or memory
// (memory-repository.ts). Conversations are the plain data of src/chat/types.ts; settings are opaque
// JSON-like values under string keys (the settings store owns their shape).
import type { Conversation } from '../chat/types';

/** What the sidebar lists: no tree, so listing many long conversations stays cheap. */
export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

export interface ConversationRepository {
  /** False when conversations live only in memory (the UI says they will not survive a reload). */
  readonly persistent: boolean;
  /** Conversations not deleted, most recently updated first. */
  list(): Promise<ConversationSummary[]>;
  /** Titles containing every word of `query`, ignoring case and accents; most recent first. */
  search(query: string): Promise<ConversationSummary[]>;
  /** A deleted conversation reads as missing until it is restored. Turns left 'streaming' read as 'interrupted'. */
  get(id: string): Promise<Conversation | undefined>;
  /** Insert or replace; a soft-deleted conversation stays deleted. */
  put(conversation: Conversation): Promise<void>;
  /** All or nothing (one transaction): an import never half-lands. */
  putMany(conversations: readonly Conversation[]): Promise<void>;
  /** Soft delete: hidden from list/search/get, restorable until purged. */
  remove(id: string, now: number): Promise<void>;
  /** Undo a delete; false when there is nothing to restore. */
  restore(id: string): Promise<boolean>;
  /** Drop for good what was deleted before `before` (ms); returns how many. */
  purgeDeleted(before: number): Promise<number>;
  /** Every id in use, deleted ones included (an import must not reuse them). */
  ids(): Promise<string[]>;
  /** Every live conversation in full (export all, moving to memory). */
  all(): Promise<Conversation[]>;
  getSetting<T>(key: string): Promise<T | undefined>;
  putSetting(key: string, value: unknown): Promise<void>;
  /** Every setting (moving to memory). */
  settings(): Promise<Record<string, unknown>>;
}

/** How long a deleted conversation can be restored (the undo toast's lifetime, plus a margin). */
export const UNDO_WINDOW_MS = 30_000;

/** Lower case, accents stripped, whitespace collapsed: what title search compares. */
export function searchKey(title: string): string {
  return title.normalize('NFKD').replace(/\p{M}+/gu, '').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

export function matchesQuery(title: string, query: string): boolean {
  const key = searchKey(title);
  return searchKey(query)
    .split(' ')
    .filter((w) => w.length > 0)
    .every((w) => key.includes(w));
}

export function summaryOf(c: Pick<Conversation, 'id' | 'title' | 'createdAt' | 'updatedAt'>): ConversationSummary {
  return { id: c.id, title: c.title, createdAt: c.createdAt, updatedAt: c.updatedAt };
}

export const byUpdatedDesc = (a: ConversationSummary, b: ConversationSummary): number => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
