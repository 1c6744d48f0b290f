// A ModelStore in memory: bytes become Blob parts of at most PART_BYTES as they arrive, so JS holds one
// part at a time and the browser keeps the rest in its blob storage. For the app's built-in models (served
// by the app; the service worker caches them) and for tests.
import { OpenFiles, type ModelStore, type PartialFile, type StoredModelRecord } from './model-store';

const PART_BYTES = 16 * 2 ** 20;

class MemoryFile implements PartialFile {
  private parts: Blob[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private stored = 0;

  async size() {
    return this.stored + this.pendingBytes;
  }
  async append(chunk: Uint8Array) {
    this.pending.push(chunk.slice());
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes >= PART_BYTES) this.seal();
  }
  private seal() {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending as BlobPart[]));
    this.stored += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
  }
  async close() {
    this.seal();
  }
  async discard() {
    this.parts = [];
    this.pending = [];
    this.pendingBytes = 0;
    this.stored = 0;
  }
  async blob() {
    this.seal();
    return new Blob(this.parts);
  }
}

export class MemoryStore implements ModelStore {
  readonly kind = 'memory';
  private readonly files = new OpenFiles<MemoryFile>();
  private readonly records = new Map<string, StoredModelRecord>();

  async file(key: string, path: string): Promise<PartialFile> {
    return this.files.get(key, path, () => new MemoryFile());
  }
  async readRecord(key: string) {
    const r = this.records.get(key);
    return r ? structuredClone(r) : null;
  }
  async writeRecord(record: StoredModelRecord) {
    this.records.set(record.key, structuredClone(record));
  }
  async list() {
    return [...this.records.values()].map((r) => structuredClone(r));
  }
  async remove(key: string) {
    this.records.delete(key);
    await this.files.closeAll(key);
  }
  async storedBytes(key: string) {
    let n = 0;
    for (const f of this.files.of(key).values()) n += await f.size();
    return n;
  }
}
