// The external-data Blobs handed to ORT-web. Its JSPI build reads each tensor as
// `blob.slice(a, b).stream()`; in Chromium a read of a stored (OPFS) file through that stream was seen to
// never settle, now and then (about 1 load in 15 in e2e/downloads.e2e.ts), leaving the load hanging forever.
// Here each slice is read in bounded pieces with `arrayBuffer()`, a piece that makes no progress within
// `stallMs` is read again (a fresh slice), and one that keeps stalling fails the load with a clear message
// instead of hanging. Memory stays bounded by one piece: the point of the JSPI path is that a model's
// weights never sit whole in JS memory.

export interface StallSafeOptions {
  /** Bytes per read (default 8 MiB). */
  pieceBytes?: number;
  /** A read that has not settled after this long is abandoned and tried again (default 20 s). */
  stallMs?: number;
  /** Reads of one piece before the load fails (default 4). */
  attempts?: number;
  /** Told about every stalled read (the worker logs them: a stall that recovered still says something). */
  onStall?: (info: { name: string; from: number; to: number; attempt: number }) => void;
  timer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** A read that did not settle in time. */
export class BlobReadStalled extends Error {
  override readonly name = 'BlobReadStalled';
}

async function readPiece(blob: Blob, from: number, to: number, name: string, offset: number, o: Required<Omit<StallSafeOptions, 'onStall'>> & Pick<StallSafeOptions, 'onStall'>): Promise<Uint8Array> {
  for (let attempt = 1; ; attempt++) {
    let handle: unknown;
    const stalled = new Promise<never>((_, reject) => {
      handle = o.timer(() => reject(new BlobReadStalled(`reading ${name} bytes ${offset + from}–${offset + to} made no progress for ${o.stallMs / 1000} s`)), o.stallMs);
    });
    try {
      return new Uint8Array(await Promise.race([blob.slice(from, to).arrayBuffer(), stalled]));
    } catch (e) {
      if (!(e instanceof BlobReadStalled)) throw e;
      o.onStall?.({ name, from: offset + from, to: offset + to, attempt });
      if (attempt >= o.attempts) throw new BlobReadStalled(`${e.message}, ${o.attempts} times: the stored model file could not be read`);
    } finally {
      o.clearTimer(handle);
    }
  }
}

/**
 * A stream of `blob`'s bytes, read piece by piece (a plain stream: ORT copies each chunk out). `name` and
 * `offset` (where `blob` starts in that file) are for messages.
 */
export function stallSafeStream(blob: Blob, name: string, options: StallSafeOptions = {}, offset = 0): ReadableStream<Uint8Array> {
  const o = {
    pieceBytes: options.pieceBytes ?? 8 * 1024 * 1024,
    stallMs: options.stallMs ?? 20_000,
    attempts: options.attempts ?? 4,
    timer: options.timer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms)),
    clearTimer: options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>)),
    onStall: options.onStall,
  };
  const to = blob.size;
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (at >= to) return controller.close();
        const end = Math.min(to, at + o.pieceBytes);
        const bytes = await readPiece(blob, at, end, name, offset, o);
        if (bytes.byteLength !== end - at) throw new Error(`reading ${name}: got ${bytes.byteLength} bytes of ${end - at}`);
        at = end;
        controller.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A Blob for ORT's external data: `size`, `slice()` and `stream()` (what ORT uses) and `arrayBuffer()` read
 * through stallSafeStream. A Blob subclass, since ORT checks `instanceof Blob`; its own contents are empty.
 */
export class StallSafeBlob extends Blob {
  constructor(
    private readonly inner: Blob,
    private readonly label: string,
    private readonly options: StallSafeOptions = {},
    /** Where `inner` starts in the file `label` names. */
    private readonly offset = 0,
  ) {
    super([]);
  }

  override get size(): number {
    return this.inner.size;
  }

  override slice(start?: number, end?: number, contentType?: string): Blob {
    const size = this.inner.size;
    const from = start === undefined ? 0 : start < 0 ? Math.max(size + start, 0) : Math.min(start, size);
    return new StallSafeBlob(this.inner.slice(start, end, contentType), this.label, this.options, this.offset + from);
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    return stallSafeStream(this.inner, this.label, this.options, this.offset) as ReadableStream<Uint8Array<ArrayBuffer>>;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const out = new Uint8Array(this.inner.size);
    let at = 0;
    const reader = this.stream().getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      out.set(r.value, at);
      at += r.value.byteLength;
    }
    return out.buffer;
  }
}
