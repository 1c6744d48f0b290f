// Where downloaded model files live while and after they download: one PartialFile per file, appended to
// as bytes arrive and read back as a disk-backed Blob, plus a small record per model (what is stored, by
// which app version, whether it is complete). Backends: OPFS (workers/storage/opfs-store.ts), Cache Storage
// (cache-store.ts) where OPFS sync access is missing, Blob parts in memory (memory-store.ts: built-in models
// served by the app itself, tests).

/** Bump when the on-disk layout changes; names carry it, so an app update never misreads an older layout. */
export const MODEL_STORE_VERSION = 1;
export const MODEL_STORE_NAME = `overtone-models-v${MODEL_STORE_VERSION}`;

export interface PartialFile {
  /** Bytes durably stored so far. */
  size(): Promise<number>;
  /** Appends bytes at the end (after `size()`). */
  append(chunk: Uint8Array): Promise<void>;
  /** Ends a run of appends: data is durable, locks are released. Appending again reopens. */
  close(): Promise<void>;
  /** Throws the stored bytes away (length 0). */
  discard(): Promise<void>;
  /** The stored bytes as a Blob backed by the store (disk for OPFS and Cache Storage), not by JS memory. */
  blob(): Promise<Blob>;
}

export interface StoredFileRecord {
  bytes: number;
  sha256?: string;
  /** Size (and SHA-256 where known) checked after the last byte arrived. */
  verified: boolean;
}

/** The record kept per stored model: the Models screen's data. */
export interface StoredModelRecord {
  key: string;
  formatVersion: number;
  /** The app version that stored it (an update never silently reuses or drops it). */
  appVersion: string;
  source: { host: string; repo: string; revision: string };
  modelId: string;
  dtype: string;
  files: Record<string, StoredFileRecord>;
  /** Every file is stored and verified: the model can load offline. Never set before that. */
  complete: boolean;
  updatedAt: number;
}

export interface ModelStore {
  readonly kind: 'opfs' | 'cache' | 'memory';
  file(key: string, path: string): Promise<PartialFile>;
  readRecord(key: string): Promise<StoredModelRecord | null>;
  writeRecord(record: StoredModelRecord): Promise<void>;
  /** Every stored model's record (this format version). */
  list(): Promise<StoredModelRecord[]>;
  /** Deletes a model's files and record. */
  remove(key: string): Promise<void>;
  /** Bytes stored for a model (partial files included). */
  storedBytes(key: string): Promise<number>;
}

/** A file-system-safe name for a key or path (OPFS and cache keys). */
export function safeName(s: string): string {
  return encodeURIComponent(s).replace(/\./g, '%2E');
}

/** The PartialFiles a store has handed out, by model key and path (one object per file, so appends and reads agree). */
export class OpenFiles<F extends PartialFile> {
  private readonly files = new Map<string, F>();

  async get(key: string, path: string, open: () => Promise<F> | F): Promise<F> {
    const id = `${key}\n${path}`;
    let f = this.files.get(id);
    if (!f) this.files.set(id, (f = await open()));
    return f;
  }

  /** A model's files by path. */
  of(key: string): Map<string, F> {
    const out = new Map<string, F>();
    for (const [id, f] of this.files) if (id.startsWith(`${key}\n`)) out.set(id.slice(key.length + 1), f);
    return out;
  }

  /** Closes and forgets a model's files (before they are deleted). */
  async closeAll(key: string): Promise<void> {
    for (const [path, f] of this.of(key)) {
      await f.close();
      this.files.delete(`${key}\n${path}`);
    }
  }
}
