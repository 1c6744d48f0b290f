// npm run bench:bundle: what the start page loads before any user action (the scripts, module preloads and
// styles that dist/index.html names), raw and gzip, against the 250 KB gzip goal; the lazy chunks the page
// can load later; and every ORT wasm file in dist/ with how often its bytes appear (each build once).
// Reads dist/ as `npm run build` left it (run the build first; `npm run bench:bundle` does).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = join(process.cwd(), 'dist');
const GOAL_GZIP = 250 * 1024;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Files the HTML makes the browser fetch at once: module scripts, modulepreloads, stylesheets. */
export function startPageAssets(html: string): string[] {
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref="([^"]+)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*\bhref="([^"]+)"[^>]*\brel="(?:modulepreload|stylesheet)"/g)) refs.add(m[1]!);
  return [...refs].filter((r) => !/^[a-z]+:/i.test(r)).map((r) => r.replace(/^\.?\//, ''));
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sizes = (file: string) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
};

function main(): void {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = startPageAssets(html);
  let raw = 0;
  let gzip = 0;
  console.log('Start page (dist/index.html), loaded before any user action:');
  for (const f of initial) {
    const s = sizes(join(DIST, f));
    raw += s.raw;
    gzip += s.gzip;
    console.log(`  ${f.padEnd(48)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} gzip`);
  }
  console.log(`  ${'total'.padEnd(48)} ${kb(raw).padStart(10)} ${kb(gzip).padStart(10)} gzip  (goal <= ${kb(GOAL_GZIP)}: ${gzip <= GOAL_GZIP ? 'met' : 'NOT met'})`);

  const all = walk(DIST).map((p) => relative(DIST, p));
  const lazy = all.filter((f) => /\.(m?js)$/.test(f) && !initial.includes(f));
  console.log('\nLoaded later (dynamic imports, workers, other pages), largest first:');
  for (const f of lazy.map((f) => ({ f, ...sizes(join(DIST, f)) })).sort((a, b) => b.gzip - a.gzip).slice(0, 12)) {
    console.log(`  ${f.f.padEnd(48)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} gzip`);
  }

  const wasm = new Map<string, string[]>();
  for (const f of all.filter((f) => f.endsWith('.wasm'))) {
    const digest = createHash('sha256').update(readFileSync(join(DIST, f))).digest('hex');
    wasm.set(digest, [...(wasm.get(digest) ?? []), f]);
  }
  console.log('\nWASM in dist/ (identical bytes grouped):');
  let dupes = 0;
  for (const files of wasm.values()) {
    if (files.length > 1) dupes++;
    console.log(`  ${files.length > 1 ? `${files.length} copies` : 'once    '}  ${kb(statSync(join(DIST, files[0]!)).size).padStart(10)}  ${files.join(', ')}`);
  }
  console.log(`  ${dupes === 0 ? 'every wasm build appears once' : `${dupes} wasm build(s) appear more than once`}`);
}

main();
