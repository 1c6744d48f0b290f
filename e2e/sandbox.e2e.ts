// User tools' sandbox (issue 9 §4) in Chromium, in the built harness page under the app's CSP: the code gets
// its arguments and returns a result; it cannot reach the network (layer 1: the CSP a blob: worker inherits,
// even from a <meta> tag alone; layer 2: the prelude removes the APIs); a runaway loop is terminated at the
// timeout and the page carries on.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HarnessApi } from '../src/harness/main';
import { openApp, type E2eSession } from './browser';
import { foreignOrigin, type ForeignOrigin } from './foreign-origin';

type Outcome = Awaited<ReturnType<HarnessApi['runUserTool']>>;
let foreign: ForeignOrigin;
beforeAll(async () => {
  foreign = await foreignOrigin();
});
afterAll(() => foreign?.close());

// Every way a worker can send a request, tried from the tool's code. import() cannot be removed by the
// prelude: only the CSP stops it.
const PROBE = `
  const url = args.url;
  const tries = {
    fetch: () => fetch(url + '/fetch'),
    xhr: () => { const x = new XMLHttpRequest(); x.open('GET', url + '/xhr'); x.send(); },
    websocket: () => new WebSocket(url.replace('http', 'ws') + '/ws'),
    eventsource: () => new EventSource(url + '/sse'),
    importScripts: () => importScripts(url + '/classic.js'),
    nestedWorker: () => new Worker(url + '/worker.js'),
    broadcast: () => new BroadcastChannel('overtone'),
    cache: () => caches.open('x'),
    indexedDB: () => indexedDB.open('x'),
    eval: () => new Function('return 1')(),
    stringTimer: () => setTimeout('self.__evalRan = true', 0),
  };
  const out = {};
  for (const [name, f] of Object.entries(tries)) {
    try { const r = f(); out[name] = r && typeof r.then === 'function' ? await r.then(() => 'reached', (e) => 'failed: ' + e.name) : 'ran'; }
    catch (e) { out[name] = 'failed: ' + e.name; }
  }
  out.dynamicImport = await import(url + '/module.js').then(() => 'loaded', (e) => 'failed: ' + e.name);
  await new Promise((r) => setTimeout(r, 100));
  out.evalRan = self.__evalRan === true;
  return out;
`;

describe.each([
  ['header and <meta>', true],
  ['<meta> alone (a static host)', false],
])('sandbox under the CSP by %s', (_name, cspHeader) => {
  let s: E2eSession;
  const runTool = (code: string, args: unknown, timeoutMs: number): Promise<Outcome> =>
    s.page.evaluate(([c, a, t]) => (window as unknown as { __overtoneHarness: HarnessApi }).__overtoneHarness.runUserTool(c, a, t), [code, args, timeoutMs] as const);

  beforeAll(async () => {
    s = await openApp('/harness.html', { cspHeader });
    await s.page.waitForFunction(() => '__overtoneHarness' in window);
  });
  afterAll(() => s?.close());

  test('the code gets its arguments and returns its result', async () => {
    expect(await runTool('return `${args.a} * ${args.b} = ${args.a * args.b}`;', { a: 17, b: 23 }, 2000)).toEqual({ ok: true, text: '17 * 23 = 391' });
    expect(await runTool('return { words: args.text.split(" ").length };', { text: 'a b c' }, 2000)).toEqual({ ok: true, text: '{"words":3}' });
  });

  test('no request leaves: every API is gone or refused, and the foreign origin sees nothing', async () => {
    const before = foreign.hits.length;
    const r = await runTool(PROBE, { url: foreign.url }, 5000);
    expect(r.ok).toBe(true);
    const report = JSON.parse((r as { text: string }).text) as Record<string, string | boolean>;
    const gone = 'failed: ReferenceError';
    expect(report).toEqual({
      fetch: gone, xhr: gone, websocket: gone, eventsource: gone, importScripts: gone, nestedWorker: gone, broadcast: gone, cache: gone, indexedDB: gone,
      eval: 'failed: EvalError', stringTimer: 'ran', evalRan: false, dynamicImport: 'failed: TypeError',
    });
    // The server's own count is the proof (Chromium still reports the refused import() as a request attempt).
    expect(foreign.hits.slice(before)).toEqual([]);
  });

  test('a runaway loop is terminated at the timeout; the page and the next call are fine', async () => {
    const t0 = Date.now();
    const r = await runTool('while (true) {}', {}, 300);
    expect(r).toEqual({ ok: false, code: 'tool-timeout', message: 'The tool did not finish within 300 ms and was stopped.' });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await runTool('return "still here";', {}, 2000)).toEqual({ ok: true, text: 'still here' });
  });

  test('errors: thrown and syntax', async () => {
    expect(await runTool('throw new Error("bad word");', {}, 2000)).toEqual({ ok: false, code: 'tool-failed', message: 'bad word' });
    const syntax = await runTool('return (;', {}, 2000);
    expect(syntax).toMatchObject({ ok: false, code: 'tool-failed' });
    expect((syntax as { message: string }).message).toMatch(/SyntaxError/);
  });
});
