// The external-data Blobs handed to ORT-web. Its JSPI build reads each tensor as
// `blob.slice(a, b).stream()`; handed the stored (OPFS) File itself, that load in Chromium now and then (about
// 1 load in 10 in e2e/downloads.e2e.ts) never finished and never failed. Here ORT reads our stream, which
// reads the file's stream and watches it: a read that brings nothing within `stallMs` is dropped and the
// stream opened again from the byte it had reached, and one that keeps stalling fails the load with a clear
// message instead of hanging. Nothing is buffered beyond the chunk in hand: the point of the JSPI path is
// that a model's weights never sit whole in JS memory.

export interface StallSafeOptions {
  /** A read that has brought nothing after this long is abandoned and the stream reopened (default 20 s). */
  stallMs?: number;
  /** Consecutive stalled reads (no byte between them) before the load fails (default 4). */
  attempts?: number;
  /** Told about every stalled read (the worker logs them: a stall that recovered still says something). */
  onStall?: (info: { name: string; at: number; to: number; attempt: number }) => void;
  timer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** A read that did not settle in time. */
export class BlobReadStalled extends Error {
  override readonly name = 'BlobReadStalled';
}

/** A reader of the file from some byte on: `read` fills (a prefix of) `into`. */
interface FileReader {
  read(into: Uint8Array<ArrayBuffer>): Promise<ReadableStreamReadResult<Uint8Array<ArrayBuffer>>>;
  cancel(): Promise<void>;
}

/** The file's own stream from `from`: BYOB where offered (no allocation per chunk), else plain reads, split to fit. */
function openFile(blob: Blob, from: number, to: number): FileReader {
  const stream = blob.slice(from, to).stream();
  try {
    const r = stream.getReader({ mode: 'byob' });
    return { read: (into) => r.read(into), cancel: () => r.cancel() };
  } catch {
    const r = stream.getReader();
    let rest = new Uint8Array(0);
    return {
      async read(into) {
        if (rest.byteLength === 0) {
          const x = await r.read();
          if (x.done) return { done: true, value: undefined };
          rest = x.value;
        }
        const n = Math.min(rest.byteLength, into.byteLength);
        into.set(rest.subarray(0, n));
        rest = rest.subarray(n);
        return { done: false, value: into.subarray(0, n) };
      },
      cancel: () => r.cancel(),
    };
  }
}

const SCRATCH_BYTES = 1 << 20;

/**
 * A byte stream of `blob` through the watchdog above. ORT reads it with a BYOB reader into its own 1 MiB
 * buffer, as it reads a Blob's stream; plain readers work too. `name` and `offset` (where `blob` starts in
 * that file) are for messages.
 */
export function stallSafeStream(blob: Blob, name: string, options: StallSafeOptions = {}, offset = 0): ReadableStream<Uint8Array> {
  const stallMs = options.stallMs ?? 20_000;
  const attempts = options.attempts ?? 4;
  const timer = options.timer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const to = blob.size;
  let at = 0;
  let stalls = 0;
  let file: FileReader | null = null;
  let scratch: ArrayBuffer | null = null;
  const where = () => `${name} at byte ${(offset + at).toLocaleString('en')} of ${(offset + to).toLocaleString('en')}`;

  const readOnce = async (read: Promise<ReadableStreamReadResult<Uint8Array<ArrayBuffer>>>) => {
    let handle: unknown;
    const stalled = new Promise<never>((_, reject) => {
      handle = timer(() => reject(new BlobReadStalled(`reading ${where()} made no progress for ${stallMs / 1000} s`)), stallMs);
    });
    try {
      return await Promise.race([read, stalled]);
    } finally {
      clearTimer(handle);
    }
  };

  return new ReadableStream(
    {
      type: 'bytes',
      autoAllocateChunkSize: SCRATCH_BYTES,
      async pull(controller) {
        const request = controller.byobRequest!; // always there: autoAllocateChunkSize
        if (at >= to) {
          controller.close();
          return request.respond(0);
        }
        const view = request.view!;
        const want = Math.min(view.byteLength, to - at, SCRATCH_BYTES);
        for (;;) {
          file ??= openFile(blob, at, to);
          // A stalled read keeps the scratch buffer it was given (a BYOB read transfers it): a fresh one then.
          const buffer = scratch ?? new ArrayBuffer(SCRATCH_BYTES);
          scratch = null;
          let r: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
          try {
            r = await readOnce(file.read(new Uint8Array(buffer, 0, want)));
          } catch (e) {
            if (!(e instanceof BlobReadStalled)) throw e;
            void file.cancel().catch(() => undefined);
            file = null;
            stalls++;
            options.onStall?.({ name, at: offset + at, to: offset + to, attempt: stalls });
            if (stalls >= attempts) throw new BlobReadStalled(`${e.message}, ${attempts} times: the stored model file could not be read`);
            continue;
          }
          if (r.done) throw new Error(`reading ${where()}: the file ended early`);
          scratch = r.value.buffer;
          const n = r.value.byteLength;
          if (n === 0) continue;
          stalls = 0;
          new Uint8Array(view.buffer, view.byteOffset, n).set(r.value);
          at += n;
          return request.respond(n);
        }
      },
      cancel() {
        void file?.cancel().catch(() => undefined);
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
