// A second origin on 127.0.0.1 that counts every request: the browser tests prove nothing reaches it.
import { createServer } from 'node:http';

export interface ForeignOrigin {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

export async function foreignOrigin(): Promise<ForeignOrigin> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/javascript' }).end('globalThis.__foreignRan = true; export {};');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}
