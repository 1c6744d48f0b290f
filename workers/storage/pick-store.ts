// The store downloads go to here: OPFS where this worker has sync access handles, else Cache Storage, else
// (Node, or storage blocked) memory, which keeps nothing across a reload.
import { CacheStore } from './cache-store';
import { MemoryStore } from './memory-store';
import type { ModelStore } from './model-store';
import { OpfsStore, opfsAvailable } from './opfs-store';

let store: ModelStore | null = null;

/** One store per worker: a listing during a download sees the files the download has open. */
export function pickStore(): ModelStore {
  store ??= opfsAvailable() ? new OpfsStore() : typeof caches !== 'undefined' ? new CacheStore() : new MemoryStore();
  return store;
}
