// Issue 8 §4: the stores are in the first paint's bundle, so they must not reach the Harmony tokenizer
// (~2 MB of o200k tables), transformers.js or the worker's code through static imports. The agent runtime
// comes later through import('../chat/runtime'). Walks the static import graph as the bundler would.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const STATEMENT = /^(import|export)\s+(type\s+)?([^;]*?)\s*from\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]/gm;

/** Static value imports of a file ('import type' and all-type specifier lists are erased by TypeScript). */
function valueImports(file: string): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(STATEMENT)) {
    if (m[5]) {
      out.push(m[5]);
      continue;
    }
    if (m[2]) continue;
    const braces = /^\{([\s\S]*)\}$/.exec(m[3]!.trim());
    if (braces && braces[1]!.split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '))) continue;
    out.push(m[4]!);
  }
  return out;
}

function resolveLocal(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

function staticGraph(entries: string[]): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = entries.map((e) => resolve(ROOT, e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of valueImports(file)) {
      if (spec.startsWith('.') && /\.(css|json)$/.test(spec)) continue; // styles and generated data, not code
      if (spec.startsWith('.')) queue.push(resolveLocal(file, spec));
      else packages.add(spec);
    }
  }
  return { files: [...seen].map((f) => relative(ROOT, f)).sort(), packages: [...packages].sort() };
}

describe('first paint', () => {
  const graph = staticGraph(['src/store/app-stores.ts', 'src/store/chat.ts', 'src/store/settings.ts', 'src/store/engine.ts', 'src/store/stored-models.ts']);

  test('the stores reach neither src/harmony nor the engine worker statically', () => {
    expect(graph.files.filter((f) => f.startsWith('src/harmony/') || f.startsWith('workers/') || f.startsWith('src/chat/agent') || f === 'src/chat/runtime.ts')).toEqual([]);
    expect(graph.packages.filter((p) => p.startsWith('gpt-tokenizer') || p.startsWith('@huggingface/') || p.startsWith('onnxruntime'))).toEqual([]);
    expect(graph.packages).toEqual(['zustand/middleware', 'zustand/vanilla']);
  });

  test('nor does the start page entry (src/main.tsx), UI included', () => {
    const page = staticGraph(['src/main.tsx']);
    expect(page.files).toContain('src/ui/ChatLayout.tsx');
    expect(page.files.filter((f) => f.startsWith('src/harmony/') || f.startsWith('workers/') || f === 'src/chat/runtime.ts')).toEqual([]);
    expect(page.packages.filter((p) => /^(gpt-tokenizer|@huggingface\/|onnxruntime|react-markdown|lowlight|highlight\.js)/.test(p))).toEqual([]);
  });

  test('the walker sees what the runtime pulls (so the check above can fail)', () => {
    const runtime = staticGraph(['src/chat/runtime.ts']);
    expect(runtime.files).toContain('src/harmony/encoding.ts');
    expect(runtime.packages).toContain('gpt-tokenizer/bpeRanks/o200k_base');
  });
});
