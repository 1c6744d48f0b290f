// ModelStore on Cache Storage, for browsers without OPFS sync access. A cache entry cannot be appended to,
// so a file is a run of segment entries (`<file>@<start offset>`), each streamed straight into the cache as
// bytes arrive and closed at SEGMENT_BYTES or when the download pauses or drops: an interrupted download
// loses at most the segment being written when the page dies, never what was already stored.
import { MODEL_STORE_NAME, OpenFiles, safeName, type ModelStore, type PartialFile, type StoredModelRecord } from './model-store';

export const SEGMENT_BYTES = 64 * 2 ** 20;
/** Cache keys must be http(s) URLs; this host is never contacted. */
const ORIGIN = 'https://overtone-models.invalid';

interface Segment {
  start: number;
  url: string;
}

class CacheFile implements PartialFile {
  private open: { writer: WritableStreamDefaultWriter<Uint8Array>; put: Promise<void>; failed: Promise<never>; bytes: number } | null = null;
  constructor(private readonly cache: Cache, private readonly prefix: string, private readonly segmentBytes: number) {}

  private async segments(): Promise<Segment[]> {
    const out: Segment[] = [];
    for (const req of await this.cache.keys()) {
      if (!req.url.startsWith(`${this.prefix}@`)) continue;
      out.push({ start: Number(req.url.slice(this.prefix.length + 1)), url: req.url });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** The segments that continue each other from byte 0, as Blobs (later ones are leftovers of a torn write). */
  private async contiguous(): Promise<Blob[]> {
    const blobs: Blob[] = [];
    let at = 0;
    for (const s of await this.segments()) {
      if (s.start !== at) break;
      const b = await (await this.cache.match(s.url))!.blob();
      blobs.push(b);
      at += b.size;
    }
    return blobs;
  }

  async size() {
    await this.close();
    return (await this.contiguous()).reduce((n, b) => n + b.size, 0);
  }

  async append(chunk: Uint8Array) {
    if (!this.open) {
      const start = await this.size();
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      const put = this.cache.put(`${this.prefix}@${start}`, new Response(readable, { headers: { 'content-type': 'application/octet-stream' } }));
      // A put that ends early (quota) must fail the write instead of leaving it waiting for a reader.
      const failed = put.then(() => Promise.reject(new Error('The browser cache closed a model segment early')));
      failed.catch(() => {});
      this.open = { writer: writable.getWriter(), put, failed, bytes: 0 };
    }
    await Promise.race([this.open.writer.write(chunk.slice()), this.open.failed]);
    this.open.bytes += chunk.byteLength;
    if (this.open.bytes >= this.segmentBytes) await this.close();
  }

  async close() {
    const o = this.open;
    if (!o) return;
    this.open = null;
    await o.writer.close();
    await o.put;
  }

  async discard() {
    await this.close();
    for (const s of await this.segments()) await this.cache.delete(s.url);
  }

  async blob() {
    await this.close();
    return new Blob(await this.contiguous());
  }
}

export class CacheStore implements ModelStore {
  readonly kind = 'cache';
  private readonly open = new OpenFiles<CacheFile>();
  constructor(private readonly cache: Promise<Cache> = caches.open(MODEL_STORE_NAME), private readonly segmentBytes = SEGMENT_BYTES) {}

  private base(key: string) {
    return `${ORIGIN}/${safeName(key)}`;
  }

  async file(key: string, path: string): Promise<PartialFile> {
    return this.open.get(key, path, async () => new CacheFile(await this.cache, `${this.base(key)}/${safeName(path)}`, this.segmentBytes));
  }

  async readRecord(key: string) {
    const res = await (await this.cache).match(`${this.base(key)}/record.json`);
    return res ? ((await res.json()) as StoredModelRecord) : null;
  }

  async writeRecord(record: StoredModelRecord) {
    await (await this.cache).put(`${this.base(record.key)}/record.json`, new Response(JSON.stringify(record), { headers: { 'content-type': 'application/json' } }));
  }

  async list() {
    const cache = await this.cache;
    const out: StoredModelRecord[] = [];
    for (const req of await cache.keys()) if (req.url.endsWith('/record.json')) out.push((await (await cache.match(req))!.json()) as StoredModelRecord);
    return out;
  }

  async remove(key: string) {
    await this.open.closeAll(key);
    const cache = await this.cache;
    for (const req of await cache.keys()) if (req.url.startsWith(`${this.base(key)}/`)) await cache.delete(req);
  }

  async storedBytes(key: string) {
    const cache = await this.cache;
    let n = 0;
    for (const req of await cache.keys()) if (req.url.startsWith(`${this.base(key)}/`) && req.url.includes('@')) n += (await (await cache.match(req))!.blob()).size;
    return n;
  }
}
