// Node stand-ins for the browser storage the download manager uses: an Origin Private File System (folders,
// files, sync access handles) and a Cache. Bytes live in memory; a new store over the same root sees what an
// earlier one wrote, which is how tests simulate a page reload.

class FakeFileHandle {
  readonly kind = 'file';
  data = new Uint8Array(0);
  locked = false;
  constructor(readonly name: string) {}
  async getFile(): Promise<File> {
    return new File([this.data.slice()], this.name);
  }
  async createSyncAccessHandle() {
    if (this.locked) throw new DOMException('already open', 'NoModificationAllowedError');
    this.locked = true;
    const file = this;
    return {
      getSize: () => file.data.byteLength,
      write(buf: Uint8Array, opts: { at: number }) {
        const end = opts.at + buf.byteLength;
        if (end > file.data.byteLength) {
          const grown = new Uint8Array(end);
          grown.set(file.data);
          file.data = grown;
        }
        file.data.set(buf, opts.at);
        return buf.byteLength;
      },
      read(buf: Uint8Array, opts: { at: number }) {
        const part = file.data.subarray(opts.at, opts.at + buf.byteLength);
        buf.set(part);
        return part.byteLength;
      },
      truncate(n: number) {
        file.data = file.data.slice(0, n);
      },
      flush() {},
      close() {
        file.locked = false;
      },
    };
  }
  async createWritable() {
    const file = this;
    let next = new Uint8Array(0);
    return {
      async write(s: string) {
        next = new TextEncoder().encode(s);
      },
      async close() {
        file.data = next;
      },
    };
  }
}

export class FakeDirectoryHandle {
  readonly kind = 'directory';
  readonly entries_ = new Map<string, FakeDirectoryHandle | FakeFileHandle>();
  constructor(readonly name = '') {}
  async getDirectoryHandle(name: string, opts: { create?: boolean } = {}) {
    let e = this.entries_.get(name);
    if (!e) {
      if (!opts.create) throw new DOMException(name, 'NotFoundError');
      this.entries_.set(name, (e = new FakeDirectoryHandle(name)));
    }
    if (!(e instanceof FakeDirectoryHandle)) throw new DOMException(name, 'TypeMismatchError');
    return e;
  }
  async getFileHandle(name: string, opts: { create?: boolean } = {}) {
    let e = this.entries_.get(name);
    if (!e) {
      if (!opts.create) throw new DOMException(name, 'NotFoundError');
      this.entries_.set(name, (e = new FakeFileHandle(name)));
    }
    if (!(e instanceof FakeFileHandle)) throw new DOMException(name, 'TypeMismatchError');
    return e;
  }
  async removeEntry(name: string) {
    if (!this.entries_.delete(name)) throw new DOMException(name, 'NotFoundError');
  }
  async *values() {
    yield* this.entries_.values();
  }
  /** Test helper: a stored file's bytes, by path of names. */
  bytesAt(...names: string[]): Uint8Array | undefined {
    let d: FakeDirectoryHandle = this;
    for (const n of names.slice(0, -1)) {
      const e = d.entries_.get(n);
      if (!(e instanceof FakeDirectoryHandle)) return undefined;
      d = e;
    }
    const f = d.entries_.get(names[names.length - 1]!);
    return f instanceof FakeFileHandle ? f.data : undefined;
  }
}

/** A Cache Storage cache in memory (bodies read fully on put, like the browser's disk write). */
export function fakeCache(): Cache {
  const store = new Map<string, { body: Uint8Array; headers: Headers }>();
  const key = (r: RequestInfo | URL) => (typeof r === 'string' ? r : r instanceof URL ? r.href : r.url);
  return {
    async match(r: RequestInfo | URL) {
      const e = store.get(key(r));
      return e ? new Response(e.body.slice(), { headers: e.headers }) : undefined;
    },
    async put(r: RequestInfo | URL, res: Response) {
      const body = new Uint8Array(await res.arrayBuffer());
      store.set(key(r), { body, headers: res.headers });
    },
    async delete(r: RequestInfo | URL) {
      return store.delete(key(r));
    },
    async keys() {
      return [...store.keys()].map((u) => new Request(u));
    },
  } as unknown as Cache;
}
