// Fetches a model's external-data chunks as Blobs instead of letting transformers.js read them into
// Uint8Arrays. ORT-web's JSPI build mounts a Blob and streams each initializer's byte range through one
// scratch buffer straight to the GPU, so the whole model never sits in the worker's JS memory at once
// (ENGINE-NOTES §2.4, risk 1). The asyncify build reads a Blob whole, which costs no more than before.

export interface ExternalDataFile {
  path: string;
  data: Blob;
}

export type ChunkProgress = (file: string, loaded: number, total: number) => void;

/** The chunk file names ORT expects for `model.onnx` split in `count` parts: model.onnx_data, model.onnx_data_1, ... */
export function chunkNames(onnxFile: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${onnxFile}_data${i === 0 ? '' : `_${i}`}`);
}

/** How many chunks config.json declares for this graph file (transformers.js_config.use_external_data_format). */
export function declaredChunks(config: unknown, onnxFile: string): number {
  const fmt = (config as { 'transformers.js_config'?: { use_external_data_format?: unknown } })['transformers.js_config']?.use_external_data_format;
  const v = typeof fmt === 'object' && fmt !== null ? (fmt as Record<string, unknown>)[onnxFile] : fmt;
  return v === true ? 1 : typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0;
}

/**
 * Downloads the chunks one after another (a single chunk is the most that is in flight) and hands each
 * to a Blob as it streams, counting bytes for progress. Throws on any HTTP failure, naming the file.
 * With a `cache` (hub models: transformers.js's Cache Storage), a cached chunk is read from it without a
 * download, and a new one streams into it and is read back: a disk-backed Blob, and offline next time.
 */
export async function fetchChunksAsBlobs(baseUrl: string, names: readonly string[], onProgress: ChunkProgress, fetchImpl: typeof fetch = fetch, cache?: Cache): Promise<ExternalDataFile[]> {
  const out: ExternalDataFile[] = [];
  for (const name of names) {
    const url = baseUrl + name;
    const cached = await cache?.match(url);
    if (cached) {
      const data = await cached.blob();
      onProgress(name, data.size, data.size);
      out.push({ path: name, data });
      continue;
    }
    const res = await fetchImpl(url);
    if (!res.ok || !res.body) throw new Error(`Failed to fetch ${url}: HTTP ${res.status}`);
    const total = Number(res.headers.get('content-length') ?? 0);
    let loaded = 0;
    onProgress(name, 0, total);
    const counted = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          loaded += chunk.byteLength;
          onProgress(name, loaded, total);
          controller.enqueue(chunk);
        },
      }),
    );
    const data = cache ? await intoCache(cache, url, counted, res.headers) : await new Response(counted).blob();
    if (total > 0 && data.size !== total) {
      await cache?.delete(url);
      throw new Error(`Failed to fetch ${url}: got ${data.size} of ${total} bytes`);
    }
    out.push({ path: name, data });
  }
  return out;
}

async function intoCache(cache: Cache, url: string, body: ReadableStream<Uint8Array>, headers: Headers): Promise<Blob> {
  try {
    await cache.put(url, new Response(body, { headers }));
  } catch (e) {
    // The message keeps "quota" so the engine reports the typed quota error with its fix.
    if (e instanceof DOMException && e.name === 'QuotaExceededError') throw new Error(`Storage quota exceeded while saving ${url}`);
    throw e;
  }
  const stored = await cache.match(url);
  if (!stored) throw new Error(`Failed to read ${url} back from the browser cache`);
  return stored.blob();
}
