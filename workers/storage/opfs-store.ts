// ModelStore on the Origin Private File System: one folder per model under overtone-models-v<N>/, one file
// per model file, written through a sync access handle (workers only: in-place appends, no copy on reopen,
// durable up to the last flush), read back with getFile() as a disk-backed File.
import { MODEL_STORE_NAME, OpenFiles, safeName, type ModelStore, type PartialFile, type StoredModelRecord } from './model-store';

const RECORD = 'record.json';

/** Whether this context can use the OPFS store (a worker with sync access handles). */
export function opfsAvailable(): boolean {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  const FileHandle = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle;
  return typeof storage?.getDirectory === 'function' && !!FileHandle && 'createSyncAccessHandle' in FileHandle.prototype;
}

class OpfsFile implements PartialFile {
  private handle: FileSystemSyncAccessHandle | null = null;
  constructor(private readonly file: FileSystemFileHandle) {}

  async size() {
    return this.handle ? this.handle.getSize() : (await this.file.getFile()).size;
  }
  async append(chunk: Uint8Array) {
    this.handle ??= await this.file.createSyncAccessHandle();
    const at = this.handle.getSize();
    const written = this.handle.write(chunk, { at });
    if (written !== chunk.byteLength) throw new DOMException(`Wrote ${written} of ${chunk.byteLength} bytes`, 'QuotaExceededError');
  }
  async close() {
    if (!this.handle) return;
    this.handle.flush();
    this.handle.close();
    this.handle = null;
  }
  async discard() {
    const h = this.handle ?? (await this.file.createSyncAccessHandle());
    h.truncate(0);
    h.flush();
    h.close();
    this.handle = null;
  }
  async blob() {
    await this.close();
    return this.file.getFile();
  }
}

/** A folder's entries (TypeScript's DOM lib here lacks the async-iterable part of the handle). */
const entriesOf = (dir: FileSystemDirectoryHandle) => (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values();

async function readJson<T>(dir: FileSystemDirectoryHandle, name: string): Promise<T | null> {
  try {
    return JSON.parse(await (await (await dir.getFileHandle(name)).getFile()).text()) as T;
  } catch {
    return null;
  }
}

export class OpfsStore implements ModelStore {
  readonly kind = 'opfs';
  private readonly open = new OpenFiles<OpfsFile>();
  constructor(private readonly root: Promise<FileSystemDirectoryHandle> = navigator.storage.getDirectory().then((r) => r.getDirectoryHandle(MODEL_STORE_NAME, { create: true }))) {}

  private async dir(key: string, create = true): Promise<FileSystemDirectoryHandle | null> {
    try {
      return await (await this.root).getDirectoryHandle(safeName(key), { create });
    } catch (e) {
      if (!create && (e as DOMException).name === 'NotFoundError') return null;
      throw e;
    }
  }

  async file(key: string, path: string): Promise<PartialFile> {
    return this.open.get(key, path, async () => new OpfsFile(await (await this.dir(key))!.getFileHandle(safeName(path), { create: true })));
  }

  async readRecord(key: string) {
    const dir = await this.dir(key, false);
    return dir ? readJson<StoredModelRecord>(dir, RECORD) : null;
  }

  async writeRecord(record: StoredModelRecord) {
    const dir = (await this.dir(record.key))!;
    const w = await (await dir.getFileHandle(RECORD, { create: true })).createWritable();
    await w.write(JSON.stringify(record));
    await w.close();
  }

  async list() {
    const out: StoredModelRecord[] = [];
    for await (const entry of entriesOf(await this.root)) {
      if (entry.kind !== 'directory') continue;
      const r = await readJson<StoredModelRecord>(entry as FileSystemDirectoryHandle, RECORD);
      if (r) out.push(r);
    }
    return out;
  }

  async remove(key: string) {
    await this.open.closeAll(key);
    try {
      await (await this.root).removeEntry(safeName(key), { recursive: true });
    } catch (e) {
      if ((e as DOMException).name !== 'NotFoundError') throw e;
    }
  }

  async storedBytes(key: string) {
    const dir = await this.dir(key, false);
    if (!dir) return 0;
    let n = 0;
    const open = new Map([...this.open.of(key)].map(([path, f]) => [safeName(path), f]));
    for await (const entry of entriesOf(dir)) {
      if (entry.kind !== 'file' || entry.name === RECORD) continue;
      n += await (open.get(entry.name)?.size() ?? (entry as FileSystemFileHandle).getFile().then((f) => f.size));
    }
    return n;
  }
}
