import { describe, expect, test } from 'vitest';
import { chunkNames, declaredChunks, fetchChunksAsBlobs } from './external-data';

const served = (files: Record<string, Uint8Array<ArrayBuffer>>, lie?: number): typeof fetch =>
  (async (input: RequestInfo | URL) => {
    const name = String(input).split('/').pop()!;
    const body = files[name];
    if (!body) return new Response('missing', { status: 404 });
    return new Response(body, { headers: { 'content-length': String(lie ?? body.byteLength) } });
  }) as typeof fetch;

/** A Cache Storage stand-in (Node has none): stores each body's bytes by URL. */
function memoryCache(quotaBytes = Infinity): Cache & { keys_: () => string[] } {
  const store = new Map<string, Uint8Array<ArrayBuffer>>();
  return {
    async match(url: RequestInfo | URL) {
      const b = store.get(String(url));
      return b ? new Response(b) : undefined;
    },
    async put(url: RequestInfo | URL, res: Response) {
      const b = new Uint8Array(await res.arrayBuffer());
      if (b.byteLength > quotaBytes) throw new DOMException('full', 'QuotaExceededError');
      store.set(String(url), b);
    },
    async delete(url: RequestInfo | URL) {
      return store.delete(String(url));
    },
    keys_: () => [...store.keys()],
  } as unknown as Cache & { keys_: () => string[] };
}

describe('external data as Blobs', () => {
  test('chunk names follow ORT / transformers.js', () => {
    expect(chunkNames('model_q4f16.onnx', 3)).toEqual(['model_q4f16.onnx_data', 'model_q4f16.onnx_data_1', 'model_q4f16.onnx_data_2']);
    expect(chunkNames('model.onnx', 0)).toEqual([]);
  });

  test('reads the chunk count from config.json, per graph or global', () => {
    const config = { 'transformers.js_config': { use_external_data_format: { 'model.onnx': 2, 'model_q4f16.onnx': 8 } } };
    expect(declaredChunks(config, 'model_q4f16.onnx')).toBe(8);
    expect(declaredChunks(config, 'model_q4.onnx')).toBe(0);
    expect(declaredChunks({ 'transformers.js_config': { use_external_data_format: true } }, 'model.onnx')).toBe(1);
    expect(declaredChunks({}, 'model.onnx')).toBe(0);
    expect(declaredChunks({ 'transformers.js_config': { use_external_data_format: { 'model.onnx': -1 } } }, 'model.onnx')).toBe(0);
  });

  test('fetches each chunk in order into a Blob with byte progress', async () => {
    const a = new Uint8Array(1000).map((_, i) => i & 255);
    const b = new Uint8Array(10).fill(7);
    const seen: [string, number, number][] = [];
    const out = await fetchChunksAsBlobs('http://x/onnx/', ['m.onnx_data', 'm.onnx_data_1'], (f, l, t) => seen.push([f, l, t]), served({ 'm.onnx_data': a, 'm.onnx_data_1': b }));
    expect(out.map((f) => f.path)).toEqual(['m.onnx_data', 'm.onnx_data_1']);
    expect(new Uint8Array(await out[0]!.data.arrayBuffer())).toEqual(a);
    expect(new Uint8Array(await out[1]!.data.arrayBuffer())).toEqual(b);
    expect(seen[0]).toEqual(['m.onnx_data', 0, 1000]);
    expect(seen.filter(([f]) => f === 'm.onnx_data').at(-1)).toEqual(['m.onnx_data', 1000, 1000]);
    // The second chunk starts only after the first is complete: one download in flight.
    const firstOfSecond = seen.findIndex(([f]) => f === 'm.onnx_data_1');
    expect(seen.slice(firstOfSecond).every(([f]) => f === 'm.onnx_data_1')).toBe(true);
  });

  test('an HTTP failure or a truncated body names the file', async () => {
    await expect(fetchChunksAsBlobs('http://x/', ['gone'], () => {}, served({}))).rejects.toThrow(/Failed to fetch http:\/\/x\/gone: HTTP 404/);
    await expect(fetchChunksAsBlobs('http://x/', ['short'], () => {}, served({ short: new Uint8Array(5) }, 9))).rejects.toThrow(/got 5 of 9 bytes/);
  });

  test('with a cache: the first load stores each chunk, the second reads it without a download', async () => {
    const a = new Uint8Array(300).fill(3);
    const cache = memoryCache();
    let downloads = 0;
    const net = served({ 'm.onnx_data': a });
    const counting: typeof fetch = (async (u: RequestInfo | URL) => (downloads++, net(u))) as typeof fetch;
    const first = await fetchChunksAsBlobs('http://x/', ['m.onnx_data'], () => {}, counting, cache);
    expect(new Uint8Array(await first[0]!.data.arrayBuffer())).toEqual(a);
    expect(cache.keys_()).toEqual(['http://x/m.onnx_data']);
    const seen: number[] = [];
    const again = await fetchChunksAsBlobs('http://x/', ['m.onnx_data'], (_f, l) => seen.push(l), counting, cache);
    expect(downloads).toBe(1);
    expect(new Uint8Array(await again[0]!.data.arrayBuffer())).toEqual(a);
    expect(seen).toEqual([300]);
  });

  test('a full cache is a quota error; a truncated download is not left in the cache', async () => {
    await expect(fetchChunksAsBlobs('http://x/', ['big'], () => {}, served({ big: new Uint8Array(50) }), memoryCache(10))).rejects.toThrow(/quota exceeded/i);
    const cache = memoryCache();
    await expect(fetchChunksAsBlobs('http://x/', ['short'], () => {}, served({ short: new Uint8Array(5) }, 9), cache)).rejects.toThrow(/got 5 of 9 bytes/);
    expect(cache.keys_()).toEqual([]);
  });
});
