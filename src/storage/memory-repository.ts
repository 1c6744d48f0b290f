// The repository in memory: used when IndexedDB is missing or failing, and in tests. Values are cloned in
// and out, as a database would, so callers never share objects with it.
import type { Conversation } from '../chat/types';
import { recoverInterrupted } from '../chat/interrupted';
import { byUpdatedDesc, matchesQuery, summaryOf, type ConversationRepository, type ConversationSummary } from './repository';

interface Entry {
  conversation: Conversation;
  deletedAt?: number;
}

export class MemoryRepository implements ConversationRepository {
  readonly persistent = false;
  private readonly entries = new Map<string, Entry>();
  private readonly values = new Map<string, unknown>();

  private live(): Entry[] {
    return [...this.entries.values()].filter((e) => e.deletedAt === undefined);
  }

  async list(): Promise<ConversationSummary[]> {
    return this.live().map((e) => summaryOf(e.conversation)).sort(byUpdatedDesc);
  }
  async search(query: string): Promise<ConversationSummary[]> {
    return (await this.list()).filter((s) => matchesQuery(s.title, query));
  }
  async get(id: string): Promise<Conversation | undefined> {
    const e = this.entries.get(id);
    return e && e.deletedAt === undefined ? recoverInterrupted(structuredClone(e.conversation)) : undefined;
  }
  async put(conversation: Conversation): Promise<void> {
    const deletedAt = this.entries.get(conversation.id)?.deletedAt;
    this.entries.set(conversation.id, { conversation: structuredClone(conversation), ...(deletedAt === undefined ? {} : { deletedAt }) });
  }
  async putMany(conversations: readonly Conversation[]): Promise<void> {
    const copies = conversations.map((c) => structuredClone(c)); // clone all first: all or nothing
    for (const c of copies) await this.put(c);
  }
  async remove(id: string, now: number): Promise<void> {
    const e = this.entries.get(id);
    if (e && e.deletedAt === undefined) e.deletedAt = now;
  }
  async restore(id: string): Promise<boolean> {
    const e = this.entries.get(id);
    if (!e || e.deletedAt === undefined) return false;
    delete e.deletedAt;
    return true;
  }
  async purgeDeleted(before: number): Promise<number> {
    let n = 0;
    for (const [id, e] of this.entries) {
      if (e.deletedAt !== undefined && e.deletedAt < before) {
        this.entries.delete(id);
        n++;
      }
    }
    return n;
  }
  async ids(): Promise<string[]> {
    return [...this.entries.keys()];
  }
  async all(): Promise<Conversation[]> {
    return this.live()
      .sort((a, b) => byUpdatedDesc(summaryOf(a.conversation), summaryOf(b.conversation)))
      .map((e) => recoverInterrupted(structuredClone(e.conversation)));
  }
  async getSetting<T>(key: string): Promise<T | undefined> {
    return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : undefined;
  }
  async putSetting(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
  }
  async settings(): Promise<Record<string, unknown>> {
    return structuredClone(Object.fromEntries(this.values));
  }
}
