// A small static file server for dist/ on 127.0.0.1 (browser tests, benchmarks): correct MIME types for
// .wasm/.mjs, no caching surprises, a random free port, optional extra headers on every response (the CSP).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream', '.map': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

/** `rewriteHtml`: a test-only change to every served .html (e2e adds a fake hub's origin to the page's CSP). */
export async function serveStatic(root: string, headers: Record<string, string> = {}, rewriteHtml?: (html: string) => string): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (rewriteHtml && extname(file) === '.html') {
      const body = Buffer.from(rewriteHtml(readFileSync(file, 'utf8')));
      res.writeHead(200, { ...headers, 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' }).end(body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': type, 'content-length': statSync(file).size, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise((r) => server.close(() => r())) };
}
