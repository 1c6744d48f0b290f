import { describe, expect, test } from 'vitest';
import { BlobReadStalled, StallSafeBlob } from './stall-safe-blob';

const bytes = (n: number) => new Uint8Array(n).map((_, i) => (i * 13 + 7) & 255);

/** Reads a slice the way ORT-web's JSPI build does: `slice(a, b).stream()` with a plain reader. */
async function readLikeOrt(blob: Blob, a: number, b: number): Promise<Uint8Array> {
  const out = new Uint8Array(b - a);
  let at = 0;
  const reader = blob.slice(a, b).stream().getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    out.set(r.value, at);
    at += r.value.byteLength;
  }
  expect(at).toBe(b - a);
  return out;
}

/** A Blob whose first `stalls` reads of each piece never settle (what was seen from stored files in Chromium). */
function stallingBlob(data: Uint8Array, stalls: number): { blob: Blob; reads: () => number } {
  let reads = 0;
  const tries = new Map<string, number>();
  const wrap = (inner: Blob, base: number): Blob =>
    ({
      size: inner.size,
      slice: (a = 0, b = inner.size) => wrap(inner.slice(a, b), base + a),
      arrayBuffer: () => {
        reads++;
        const key = `${base}-${base + inner.size}`;
        const n = (tries.get(key) ?? 0) + 1;
        tries.set(key, n);
        return n <= stalls ? new Promise<ArrayBuffer>(() => {}) : inner.arrayBuffer();
      },
    }) as unknown as Blob;
  return { blob: wrap(new Blob([data as Uint8Array<ArrayBuffer>]), 0), reads: () => reads };
}

describe('StallSafeBlob', () => {
  const data = bytes(100_000);
  const blob = new StallSafeBlob(new Blob([data as Uint8Array<ArrayBuffer>]), 'onnx/model.onnx_data', { pieceBytes: 4096 });

  test('is a Blob of the file\'s size; any slice streams exactly its bytes, in pieces', async () => {
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.size).toBe(100_000);
    for (const [a, b] of [[0, 100_000], [1, 4097], [4096, 8192], [99_999, 100_000], [5000, 5000], [12_345, 67_890]] as const)
      expect(await readLikeOrt(blob, a, b)).toEqual(data.subarray(a, b));
    const chunks: number[] = [];
    const reader = blob.slice(10, 10_010).stream().getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value.byteLength);
    expect(chunks).toEqual([4096, 4096, 1808]);
  });

  test('slices of slices, negative and out-of-range bounds behave as Blob.slice does; arrayBuffer() reads it all', async () => {
    const inner = blob.slice(1000, 9000);
    expect(inner.size).toBe(8000);
    expect(new Uint8Array(await inner.slice(-100).arrayBuffer())).toEqual(data.subarray(8900, 9000));
    expect(new Uint8Array(await inner.slice(7990, 20_000).arrayBuffer())).toEqual(data.subarray(8990, 9000));
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(data);
  });

  test('a read that never settles is abandoned and read again; the stall is reported with the file offsets', async () => {
    const { blob: inner, reads } = stallingBlob(data, 1);
    const stalls: unknown[] = [];
    const b = new StallSafeBlob(inner, 'onnx/model.onnx_data', { pieceBytes: 50_000, stallMs: 20, onStall: (s) => stalls.push(s) });
    expect(await readLikeOrt(b, 30_000, 90_000)).toEqual(data.subarray(30_000, 90_000));
    expect(reads()).toBe(4); // two pieces, each read twice
    expect(stalls).toEqual([
      { name: 'onnx/model.onnx_data', from: 30_000, to: 80_000, attempt: 1 },
      { name: 'onnx/model.onnx_data', from: 80_000, to: 90_000, attempt: 1 },
    ]);
  });

  test('a read that keeps stalling fails the stream with a clear error instead of hanging', async () => {
    const { blob: inner, reads } = stallingBlob(data, 99);
    const b = new StallSafeBlob(inner, 'onnx/model.onnx_data_1', { stallMs: 10, attempts: 3 });
    const err = await readLikeOrt(b, 100, 200).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobReadStalled);
    expect((err as Error).message).toBe('reading onnx/model.onnx_data_1 bytes 100–200 made no progress for 0.01 s, 3 times: the stored model file could not be read');
    expect(reads()).toBe(3);
  });

  test('a read that fails outright is not retried', async () => {
    const failing = { size: 10, slice: () => failing, arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) } as unknown as Blob;
    const err = await readLikeOrt(new StallSafeBlob(failing, 'x', { stallMs: 10 }), 0, 10).catch((e: unknown) => e);
    expect((err as DOMException).name).toBe('NotReadableError');
  });
});
