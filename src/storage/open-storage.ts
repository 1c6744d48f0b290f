// Opening storage at start-up: IndexedDB when the browser gives it, memory otherwise (private modes without
// IndexedDB, a blocked or failing open), never an exception. The result says which, for the UI.
import { DB_NAME, OvertoneDb } from './db';
import { DexieRepository } from './dexie-repository';
import { MemoryRepository } from './memory-repository';
import { UNDO_WINDOW_MS } from './repository';
import { ResilientRepository } from './resilient-repository';
import { StorageError, toStorageError, UNAVAILABLE_FIX } from './storage-error';

export interface OpenStorageOptions {
  /** The IndexedDB factory; defaults to the global one. `null` = none (as in a private mode that hides it). */
  indexedDB?: IDBFactory | null;
  IDBKeyRange?: typeof IDBKeyRange;
  name?: string;
  /** An open that neither succeeds nor fails (blocked by another tab) counts as failed after this, ms. */
  openTimeoutMs?: number;
  now?: () => number;
}

export async function openStorage(opts: OpenStorageOptions = {}): Promise<ResilientRepository> {
  const factory = opts.indexedDB !== undefined ? opts.indexedDB : (globalThis.indexedDB ?? null);
  if (!factory) {
    const missing = new StorageError('storage-unavailable', 'This browser gives the page no IndexedDB (private mode or blocked site data).', UNAVAILABLE_FIX);
    return new ResilientRepository(new MemoryRepository(), missing);
  }
  const keyRange = opts.IDBKeyRange ?? globalThis.IDBKeyRange;
  const db = new OvertoneDb(opts.name ?? DB_NAME, { indexedDB: factory, IDBKeyRange: keyRange });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('opening the database timed out (blocked by another tab?)')), opts.openTimeoutMs ?? 5000);
    });
    await Promise.race([db.open(), timeout]);
  } catch (e) {
    db.close();
    return new ResilientRepository(new MemoryRepository(), toStorageError(e, 'opening the database'));
  } finally {
    clearTimeout(timer);
  }
  const repo = new ResilientRepository(new DexieRepository(db));
  // Deletes older than the undo window can no longer be undone: drop them for good.
  await repo.purgeDeleted((opts.now ?? Date.now)() - UNDO_WINDOW_MS).catch(() => 0);
  return repo;
}
