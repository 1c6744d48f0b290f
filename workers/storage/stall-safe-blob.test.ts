import { describe, expect, test } from 'vitest';
import { BlobReadStalled, StallSafeBlob } from './stall-safe-blob';

const bytes = (n: number) => new Uint8Array(n).map((_, i) => (i * 13 + 7) & 255);

/** Reads a slice the way ORT-web's JSPI build does: `slice(a, b).stream()` through a BYOB reader and one 1 MiB buffer. */
async function readLikeOrt(blob: Blob, a: number, b: number): Promise<Uint8Array> {
  const out = new Uint8Array(b - a);
  let at = 0;
  const reader = blob.slice(a, b).stream().getReader({ mode: 'byob' });
  let buffer = new ArrayBuffer(1 << 20);
  for (;;) {
    const r = await reader.read(new Uint8Array(buffer));
    if (r.value) {
      out.set(r.value, at);
      at += r.value.byteLength;
      buffer = r.value.buffer;
    }
    if (r.done) break;
  }
  expect(at).toBe(b - a);
  return out;
}

/** The same with a plain reader (other callers of stream()). */
async function readPlain(blob: Blob): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = blob.stream().getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}

/**
 * A file whose streams deliver `chunk` bytes per read. A stream opened at one of `stallAt`'s offsets (each listed
 * once per stall) delivers one chunk and then never answers again, as was seen in Chromium; with `always`,
 * every stream hangs at once.
 */
function stallingFile(data: Uint8Array, chunk: number, stallAt: number[] | 'always'): { blob: Blob; opened: number[] } {
  const opened: number[] = [];
  const wrap = (start: number, end: number): Blob =>
    ({
      size: end - start,
      slice: (a = 0, b = end - start) => wrap(start + a, start + Math.min(b, end - start)),
      stream: () => {
        opened.push(start);
        const i = stallAt === 'always' ? -1 : stallAt.indexOf(start);
        if (i >= 0) (stallAt as number[]).splice(i, 1);
        const before = stallAt === 'always' ? 0 : i >= 0 ? 1 : Infinity;
        let at = start;
        let sent = 0;
        return new ReadableStream<Uint8Array>({
          pull(c) {
            if (sent >= before) return new Promise<void>(() => {});
            if (at >= end) return c.close();
            const next = Math.min(end, at + chunk);
            c.enqueue(data.slice(at, next));
            at = next;
            sent++;
          },
        });
      },
    }) as unknown as Blob;
  return { blob: wrap(0, data.length), opened };
}

describe('StallSafeBlob', () => {
  const data = bytes(100_000);
  const blob = new StallSafeBlob(new Blob([data as Uint8Array<ArrayBuffer>]), 'onnx/model.onnx_data');

  test("is a Blob of the file's size; any slice streams exactly its bytes", async () => {
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.size).toBe(100_000);
    for (const [a, b] of [[0, 100_000], [1, 4097], [4096, 8192], [99_999, 100_000], [5000, 5000], [12_345, 67_890]] as const)
      expect(await readLikeOrt(blob, a, b)).toEqual(data.subarray(a, b));
  });

  test('slices of slices, negative and out-of-range bounds behave as Blob.slice does; arrayBuffer() reads it all', async () => {
    const inner = blob.slice(1000, 9000);
    expect(inner.size).toBe(8000);
    expect(new Uint8Array(await inner.slice(-100).arrayBuffer())).toEqual(data.subarray(8900, 9000));
    expect(new Uint8Array(await inner.slice(7990, 20_000).arrayBuffer())).toEqual(data.subarray(8990, 9000));
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(data);
    expect(await readPlain(blob.slice(50, 70_000))).toEqual(data.subarray(50, 70_000));
  });

  test('a read that never settles is dropped and the file read on from the byte reached; the stall is reported', async () => {
    const file = stallingFile(data, 1000, [30_000, 31_000]);
    const stalls: unknown[] = [];
    const b = new StallSafeBlob(file.blob, 'onnx/model.onnx_data', { stallMs: 20, onStall: (s) => stalls.push(s) });
    expect(await readLikeOrt(b, 30_000, 90_000)).toEqual(data.subarray(30_000, 90_000));
    // Stalled at 31,000 (after one chunk), again at 32,000, then read to the end.
    expect(file.opened).toEqual([30_000, 31_000, 32_000]);
    expect(stalls).toEqual([
      { name: 'onnx/model.onnx_data', at: 31_000, to: 90_000, attempt: 1 },
      { name: 'onnx/model.onnx_data', at: 32_000, to: 90_000, attempt: 1 },
    ]);
  });

  test('a read that keeps stalling fails the stream with a clear error instead of hanging', async () => {
    const never = stallingFile(data, 10, 'always');
    const err = await readLikeOrt(new StallSafeBlob(never.blob, 'onnx/model.onnx_data_1', { stallMs: 10, attempts: 3 }), 100, 200).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobReadStalled);
    expect((err as Error).message).toBe('reading onnx/model.onnx_data_1 at byte 100 of 200 made no progress for 0.01 s, 3 times: the stored model file could not be read');
    expect(never.opened).toEqual([100, 100, 100]);
    // Progress between stalls resets the count: four stalls, each after a chunk, still read the whole slice.
    const file = stallingFile(data, 10, [90, 100, 110, 120]);
    expect(await readLikeOrt(new StallSafeBlob(file.blob, 'x', { stallMs: 10, attempts: 2 }), 90, 200)).toEqual(data.subarray(90, 200));
    expect(file.opened).toEqual([90, 100, 110, 120, 130]);
  });

  test('a read that fails outright is not retried; a file shorter than its size is an error', async () => {
    const failing = { size: 10, slice: () => failing, stream: () => new ReadableStream({ pull: () => Promise.reject(new DOMException('gone', 'NotReadableError')) }) } as unknown as Blob;
    expect(((await readLikeOrt(new StallSafeBlob(failing, 'x', { stallMs: 10 }), 0, 10).catch((e: unknown) => e)) as DOMException).name).toBe('NotReadableError');
    const short = { size: 10, slice: () => short, stream: () => new Blob([new Uint8Array(4)]).stream() } as unknown as Blob;
    expect(((await readLikeOrt(new StallSafeBlob(short, 'x'), 0, 10).catch((e: unknown) => e)) as Error).message).toBe('reading x at byte 4 of 10: the file ended early');
  });
});
