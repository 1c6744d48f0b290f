// The repository the app uses: IndexedDB while it works, memory from the first failure on. On a failure
// (quota full, database gone) it copies what it can still read into memory, keeps going there, and reports
// the typed error once so the UI can say "not saved — kept in memory" with the fix.
import type { ChatError } from '../chat/types';
import { MemoryRepository } from './memory-repository';
import type { ConversationRepository } from './repository';
import { StorageError } from './storage-error';

export interface StorageStatus {
  /** False once conversations live only in memory. */
  persistent: boolean;
  /** Why not (storage-quota / storage-unavailable, with its fix). */
  error?: ChatError;
}

type Listener = (status: StorageStatus) => void;

export class ResilientRepository implements ConversationRepository {
  private current: ConversationRepository;
  private state: StorageStatus;
  private switching: Promise<void> | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(primary: ConversationRepository, failure?: StorageError) {
    this.current = failure ? new MemoryRepository() : primary;
    this.state = failure ? { persistent: false, error: failure.toJSON() } : { persistent: primary.persistent };
  }

  get persistent(): boolean {
    return this.current.persistent;
  }
  get status(): StorageStatus {
    return this.state;
  }
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fallBack(error: StorageError): Promise<void> {
    this.switching ??= (async () => {
      const failing = this.current;
      const memory = new MemoryRepository();
      try {
        await memory.putMany(await failing.all());
        for (const [k, v] of Object.entries(await failing.settings())) await memory.putSetting(k, v);
      } catch {
        // Unreadable as well: carry on with what the store holds in memory.
      }
      this.current = memory;
      this.state = { persistent: false, error: error.toJSON() };
      for (const l of this.listeners) l(this.state);
    })();
    return this.switching;
  }

  private async run<T>(op: (r: ConversationRepository) => Promise<T>): Promise<T> {
    await this.switching;
    try {
      return await op(this.current);
    } catch (e) {
      if (!(e instanceof StorageError) || !this.current.persistent) throw e;
      await this.fallBack(e);
      return op(this.current);
    }
  }

  list = () => this.run((r) => r.list());
  search = (query: string) => this.run((r) => r.search(query));
  get = (id: string) => this.run((r) => r.get(id));
  put = (c: Parameters<ConversationRepository['put']>[0]) => this.run((r) => r.put(c));
  putMany = (cs: Parameters<ConversationRepository['putMany']>[0]) => this.run((r) => r.putMany(cs));
  remove = (id: string, now: number) => this.run((r) => r.remove(id, now));
  restore = (id: string) => this.run((r) => r.restore(id));
  purgeDeleted = (before: number) => this.run((r) => r.purgeDeleted(before));
  ids = () => this.run((r) => r.ids());
  all = () => this.run((r) => r.all());
  getSetting = <T>(key: string) => this.run((r) => r.getSetting<T>(key));
  putSetting = (key: string, value: unknown) => this.run((r) => r.putSetting(key, value));
  settings = () => this.run((r) => r.settings());
}
