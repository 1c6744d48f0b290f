// A fetch() over in-memory files for the download manager's Node tests, with the same switches as the
// real fake hub (scripts/fake-hub.ts): drop a connection mid-file, ignore Range, corrupt a byte, fail with a
// status. Bodies stream in small chunks and honour the request's abort signal.

export interface FakeFetchSwitches {
  /** The first response of a file drops the connection after this many bytes of its body. */
  dropAfter?: Record<string, number>;
  /** Answer Range requests with 200 and the whole file. */
  ignoreRange?: boolean;
  /** Flip one byte at this offset in the next `times` responses of the file (default once). */
  corrupt?: Record<string, { at: number; times?: number }>;
  /** Statuses answered (in order) before the file is served. */
  failWith?: Record<string, number[]>;
  chunkBytes?: number;
}

export interface FakeRequest {
  path: string;
  range: string | null;
  status: number;
}

export function fakeFetch(files: Record<string, Uint8Array>, sw: FakeFetchSwitches = {}) {
  const requests: FakeRequest[] = [];
  const drops = { ...sw.dropAfter };
  const corrupt = Object.fromEntries(Object.entries(sw.corrupt ?? {}).map(([p, c]) => [p, { at: c.at, times: c.times ?? 1 }]));
  const fails = Object.fromEntries(Object.entries(sw.failWith ?? {}).map(([p, s]) => [p, [...s]]));
  const chunk = sw.chunkBytes ?? 256;
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname.split('/resolve/main/')[1] ?? new URL(String(input)).pathname.slice(1);
    const range = new Headers(init?.headers).get('range');
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const log = (status: number) => requests.push({ path, range, status });
    const failure = fails[path]?.shift();
    if (failure) {
      log(failure);
      return new Response('failure', { status: failure });
    }
    const file = files[path];
    if (!file) {
      log(404);
      return new Response('not found', { status: 404 });
    }
    let body = file.slice();
    const c = corrupt[path];
    if (c && c.times > 0) {
      c.times--;
      body[c.at] = body[c.at]! ^ 0xff;
    }
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(range ?? '');
    const partial = !!m && !sw.ignoreRange;
    if (partial) start = Number(m![1]);
    if (start > body.length) {
      log(416);
      return new Response(null, { status: 416, headers: { 'content-range': `bytes */${body.length}` } });
    }
    body = body.subarray(start);
    const dropAt = drops[path];
    if (dropAt !== undefined) delete drops[path];
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(ctl) {
        await new Promise((r) => setTimeout(r, 0));
        if (signal?.aborted) return ctl.error(new DOMException('aborted', 'AbortError'));
        if (dropAt !== undefined && sent >= dropAt) return ctl.error(new TypeError('network error: connection dropped'));
        if (sent >= body.length) return ctl.close();
        const end = Math.min(body.length, sent + chunk, dropAt ?? Infinity);
        ctl.enqueue(body.slice(sent, end));
        sent = end;
      },
    });
    const headers: Record<string, string> = { 'content-length': String(body.length), 'accept-ranges': 'bytes' };
    if (partial) headers['content-range'] = `bytes ${start}-${file.length - 1}/${file.length}`;
    log(partial ? 206 : 200);
    return new Response(stream, { status: partial ? 206 : 200, headers });
  }) as typeof fetch;
  return { fetch: fetchImpl, requests };
}
