// The sandbox in Node: the worker script runs in a vm context shaped like a dedicated worker's global (fetch
// on the prototype as Chromium has it, constructors as own properties), driven through runInSandbox by a fake
// Worker. The same script under the real CSP in Chromium: e2e/sandbox.e2e.ts.
import { runInContext, createContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { UserToolError } from './errors';
import { runInSandbox, type SandboxWorker } from './sandbox';
import { SCRUBBED_GLOBALS, sandboxSource } from './sandbox-source';
import { MAX_TOOL_OUTPUT_CHARS } from './types';

/** A worker global: WorkerGlobalScope.prototype holds fetch & co, the global holds constructors. */
function workerGlobal(post: (m: unknown) => void) {
  class WorkerGlobalScope {}
  const proto = WorkerGlobalScope.prototype as unknown as Record<string, unknown>;
  for (const n of ['fetch', 'importScripts', 'indexedDB', 'caches', 'fonts']) proto[n] = () => 'reachable';
  const g = Object.create(WorkerGlobalScope.prototype) as Record<string, unknown>;
  for (const n of ['XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'Worker', 'SharedWorker', 'BroadcastChannel', 'FontFace', 'Notification']) g[n] = function Ctor() {};
  g.navigator = Object.create({ storage: {}, gpu: {}, locks: {}, userAgent: 'x' });
  g.postMessage = post;
  g.self = g;
  return g;
}

/** A fake Worker that runs the blob's script in a vm context. */
function vmWorkerFactory(log: { terminated: number; sources: string[] }) {
  const scripts = new Map<string, string>();
  let n = 0;
  return {
    createUrl: (source: string) => {
      const url = `blob:test/${++n}`;
      scripts.set(url, source);
      log.sources.push(source);
      return url;
    },
    revokeUrl: (url: string) => scripts.delete(url),
    scripts,
    createWorker: (url: string): SandboxWorker => {
      const w: SandboxWorker = {
        onmessage: null,
        onerror: null,
        onmessageerror: null,
        postMessage: (m) => queueMicrotask(() => (g.onmessage as ((e: unknown) => void) | null)?.({ data: structuredClone(m) })),
        terminate: () => {
          log.terminated++;
        },
      };
      const g = workerGlobal((m) => queueMicrotask(() => w.onmessage?.({ data: structuredClone(m) } as MessageEvent)));
      const ctx = createContext(g);
      queueMicrotask(() => {
        try {
          runInContext(scripts.get(url)!, ctx);
        } catch (e) {
          w.onerror?.({ message: `Uncaught ${(e as Error).name}: ${(e as Error).message}`, preventDefault() {} } as ErrorEvent);
        }
      });
      return w;
    },
  };
}

let log: { terminated: number; sources: string[] };
let fx: ReturnType<typeof vmWorkerFactory>;
beforeEach(() => {
  log = { terminated: 0, sources: [] };
  fx = vmWorkerFactory(log);
});
afterEach(() => vi.useRealTimers());

const run = (code: string, args: unknown = {}, timeoutMs = 1000, signal?: AbortSignal) => runInSandbox(code, args, { timeoutMs, signal, ...fx });
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(UserToolError);
  return e as UserToolError;
};

describe('sandbox script', () => {
  test('the code gets the arguments; strings pass through, other values as JSON, undefined as empty', async () => {
    expect(await run('return `${args.a} + ${args.b} = ${args.a + args.b}`;', { a: 2, b: 3 })).toBe('2 + 3 = 5');
    expect(await run('return { sum: args.a + args.b, list: [1, "x"] };', { a: 1, b: 2 })).toBe('{"sum":3,"list":[1,"x"]}');
    expect(await run('await null;')).toBe('');
    expect(log.terminated).toBe(3);
    expect(fx.scripts.size).toBe(0); // every blob: URL revoked
  });

  test('every way out is gone before the code runs, from the global and its prototypes', async () => {
    const probe = `return ${JSON.stringify(SCRUBBED_GLOBALS)}.filter((n) => typeof self[n] !== 'undefined' || n in Object.getPrototypeOf(self))
      .concat(['storage', 'gpu', 'locks'].filter((n) => typeof navigator[n] !== 'undefined')).join(',') || 'none';`;
    expect(await run(probe)).toBe('none');
    expect(await run('return navigator.userAgent;')).toBe('x');
  });

  test('a top-level break-out of the function body still runs after the prelude', async () => {
    const escaped = await run('return 1;\n};\nself.__leak = typeof fetch;\nconst __x = async function () {');
    expect(escaped).toBe('1');
    const src = log.sources.at(-1)!;
    expect(src.indexOf('scrub(self')).toBeLessThan(src.indexOf('self.__leak'));
  });

  test('errors: thrown, syntax, and a prelude that cannot remove a way out', async () => {
    const thrown = await failure(run('throw new Error("no such word");'));
    expect([thrown.code, thrown.message]).toEqual(['tool-failed', 'no such word']);
    expect((await failure(run('return (;'))).message).toMatch(/^The tool's code failed: Uncaught SyntaxError/);
    // A global that cannot be deleted or redefined: the script refuses to run any user code.
    const original = fx.createWorker;
    fx.createWorker = (url) => {
      const source = fx.scripts.get(url)!;
      fx.scripts.set(url, source.replace('"use strict";', '"use strict"; Object.defineProperty(self, "fetch", { value: 1, configurable: false, writable: false });'));
      return original(url);
    };
    expect((await failure(run('return "ran";'))).message).toMatch(/sandbox setup failed: fetch is still reachable/);
  });
});

describe('runner', () => {
  test('a tool that never returns is terminated at the timeout', async () => {
    const e = await failure(run('await new Promise(() => {});', {}, 50));
    expect(e.code).toBe('tool-timeout');
    expect(e.message).toBe('The tool did not finish within 50 ms and was stopped.');
    expect(log.terminated).toBe(1);
  });

  test('stopping the turn terminates the worker', async () => {
    const ac = new AbortController();
    const p = run('await new Promise(() => {});', {}, 5000, ac.signal);
    setTimeout(() => ac.abort(), 10);
    expect((await failure(p)).message).toMatch(/cancelled/);
    expect(log.terminated).toBe(1);
    ac.abort();
    expect((await failure(run('return 1', {}, 1000, ac.signal))).message).toMatch(/cancelled/);
  });

  test('results are bounded and only plain result messages count', async () => {
    expect((await failure(run(`return "x".repeat(${MAX_TOOL_OUTPUT_CHARS + 1});`))).message).toMatch(/at most 100000/);
    expect((await failure(run('__overtonePost({ type: "result", text: 42 }); await new Promise(() => {});'))).message).toMatch(/unexpected message/);
  });
});
