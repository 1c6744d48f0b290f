// A local stand-in for the Hugging Face hub for tests and benchmarks: real HTTP on 127.0.0.1 serving model
// folders in the hub layout (`/{repo}/resolve/{revision}/{path}`), with Range support and switches to drop a
// connection mid-file, ignore Range, corrupt a byte, fail with a status, or throttle; it logs every request.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import { Transform } from 'node:stream';

export interface HubRequest {
  method: string;
  repo: string;
  revision: string;
  path: string;
  range: string | null;
  status: number;
  /** Body bytes written before the response ended or was cut. */
  sent: number;
}

export interface HubSwitches {
  /** Cut the connection after this many body bytes of the next response of a file (then serve normally). */
  dropAfter: Map<string, number>;
  /** Answer Range requests with 200 and the whole file. */
  ignoreRange: boolean;
  /** Flip the byte at `at` in the next `times` responses of a file. */
  corrupt: Map<string, { at: number; times: number }>;
  /** Statuses to answer (in order) before serving a file. */
  failWith: Map<string, number[]>;
  /** Body bytes per second per response (0 = unthrottled). */
  bytesPerSecond: number;
}

export interface FakeHub {
  url: string;
  requests: HubRequest[];
  switches: HubSwitches;
  /** Requests for model files (GET/HEAD), optionally of one path. */
  fileRequests(path?: string): HubRequest[];
  close(): Promise<void>;
}

/** Serves `repos` (repo id -> local model folder) at any revision. */
export async function startFakeHub(repos: Record<string, string>): Promise<FakeHub> {
  const requests: HubRequest[] = [];
  const switches: HubSwitches = { dropAfter: new Map(), ignoreRange: false, corrupt: new Map(), failWith: new Map(), bytesPerSecond: 0 };
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'range',
    'access-control-expose-headers': 'content-range, content-length, accept-ranges',
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (req.method === 'OPTIONS') return void res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, HEAD' }).end();
    const m = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(decodeURIComponent(url.pathname));
    const range = req.headers.range ?? null;
    const entry: HubRequest = { method: req.method ?? 'GET', repo: m?.[1] ?? '', revision: m?.[2] ?? '', path: m?.[3] ?? url.pathname, range, status: 0, sent: 0 };
    requests.push(entry);
    const dir = m ? repos[m[1]!] : undefined;
    const file = dir ? join(dir, normalize(m![3]!).replace(/^(\.\.[/\\])+/, '')) : '';
    const end = (status: number, headers: Record<string, string> = {}, body = '') => {
      entry.status = status;
      res.writeHead(status, { ...cors, ...headers }).end(body);
    };
    if (!dir || !existsSync(file) || !statSync(file).isFile()) return end(404, {}, 'Entry not found');
    const fail = switches.failWith.get(entry.path)?.shift();
    if (fail) return end(fail, {}, `failing with ${fail} on purpose`);

    const size = statSync(file).size;
    let start = 0;
    let last = size - 1;
    const r = /^bytes=(\d+)-(\d*)$/.exec(range ?? '');
    const partial = !!r && !switches.ignoreRange;
    if (partial) {
      start = Number(r![1]);
      if (r![2]) last = Math.min(size - 1, Number(r![2]));
      if (start >= size) return end(416, { 'content-range': `bytes */${size}` });
    }
    entry.status = partial ? 206 : 200;
    res.writeHead(entry.status, {
      ...cors,
      'content-type': 'application/octet-stream',
      'content-length': String(last - start + 1),
      'accept-ranges': 'bytes',
      ...(partial ? { 'content-range': `bytes ${start}-${last}/${size}` } : {}),
    });
    if (req.method === 'HEAD') return void res.end();

    const dropAt = switches.dropAfter.get(entry.path);
    if (dropAt !== undefined) switches.dropAfter.delete(entry.path);
    const corrupt = switches.corrupt.get(entry.path);
    // Counted when the byte is actually sent (a response cut before it does not use up the switch).
    const flip = corrupt && corrupt.times > 0 ? corrupt.at : undefined;
    const source = createReadStream(file, { start, end: last, highWaterMark: 64 * 1024 });
    let offset = start;
    let cut = false;
    const shaper = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (cut) return done();
        let out = chunk;
        if (flip !== undefined && flip >= offset && flip < offset + chunk.length && (dropAt === undefined || flip - start < dropAt)) {
          out = Buffer.from(chunk);
          out[flip - offset] = out[flip - offset]! ^ 0xff;
          corrupt!.times--;
        }
        if (dropAt !== undefined && entry.sent + out.length >= dropAt) {
          out = out.subarray(0, dropAt - entry.sent);
          entry.sent += out.length;
          cut = true;
          source.unpipe(shaper);
          source.destroy();
          // End the socket without finishing the body: the client sees a connection cut mid-file.
          res.write(out, () => res.socket?.end());
          return done();
        }
        offset += chunk.length;
        entry.sent += out.length;
        const wait = switches.bytesPerSecond > 0 ? (out.length / switches.bytesPerSecond) * 1000 : 0;
        if (wait > 0) setTimeout(() => done(null, out), wait);
        else done(null, out);
      },
    });
    res.on('close', () => source.destroy());
    source.pipe(shaper).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    switches,
    fileRequests: (path?: string) => requests.filter((q) => q.method !== 'OPTIONS' && (path === undefined || q.path === path)),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
