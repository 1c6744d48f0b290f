// The locked-down page (issue 9 §6) in Chromium: the built app and the engine harness run under the CSP
// (header + <meta>, and <meta> alone as on a static host) with nothing refused, the demo model loads and
// generates on the wasm backend, and an inline script, a remote script, eval and a foreign fetch are
// refused. The dev server's policy is checked the same way.
import { chromium } from 'playwright-core';
import { createServer as createViteServer, preview, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium';
import { devInlineScripts } from '../scripts/csp-plugin';
import type { HarnessApi } from '../src/harness/main';
import { contentSecurityPolicy, CSP_HEADER, scriptHash } from '../src/security/csp';
import { openApp, type E2eSession } from './browser';
import { questionPrompt, STOPS } from './demo-flow';
import { foreignOrigin, type ForeignOrigin } from './foreign-origin';

type Win = { __overtoneHarness: HarnessApi; __inlineRan?: boolean; __evalRan?: boolean; __foreignRan?: boolean };
let foreign: ForeignOrigin;
beforeAll(async () => {
  foreign = await foreignOrigin();
});
afterAll(() => foreign?.close());

/** Try everything the policy forbids from inside the page; report what happened. */
async function attack(s: E2eSession, foreignUrl: string) {
  return s.page.evaluate(async (url) => {
    const w = window as unknown as Win;
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true;';
    document.head.append(inline);
    const remote = document.createElement('script');
    remote.src = `${url}/remote.js`;
    const remoteDone = new Promise((r) => ((remote.onerror = () => r('refused')), (remote.onload = () => r('loaded'))));
    document.head.append(remote);
    const handler = document.createElement('img');
    handler.setAttribute('onerror', 'window.__inlineRan = true');
    handler.src = 'data:,not-an-image';
    document.body.append(handler);
    // A string timer is eval run by the page itself (code run through DevTools, like this function, is exempt).
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
    const fetched = await fetch(`${url}/fetch`).then(() => 'reached', () => 'refused');
    await new Promise((r) => setTimeout(r, 200));
    return { inlineRan: w.__inlineRan === true, remote: await remoteDone, evalRan: w.__evalRan === true, fetched, foreignRan: w.__foreignRan === true };
  }, foreignUrl);
}

/** A dynamic import() of a foreign module (as a string: the test runner would rewrite an import() in code). */
const importForeign = (s: E2eSession, url: string): Promise<string> =>
  s.page.evaluate(`import(${JSON.stringify(`${url}/module.js`)}).then(() => 'loaded', () => 'refused')`);

describe.each([
  ['header and <meta>', true],
  ['<meta> alone (a static host)', false],
])('built app, CSP by %s', (_name, cspHeader) => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await openApp('/', { cspHeader });
  });
  afterAll(() => s?.close());

  test('the start page renders and nothing is refused', async () => {
    await s.page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    expect(await s.cspViolations()).toEqual([]);
    expect(s.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });

  test('inline script, inline handler, remote script, eval, foreign fetch and import are refused', async () => {
    const before = foreign.hits.length;
    expect(await attack(s, foreign.url)).toEqual({ inlineRan: false, remote: 'refused', evalRan: false, fetched: 'refused', foreignRan: false });
    expect(await importForeign(s, foreign.url)).toBe('refused');
    expect(foreign.hits.slice(before)).toEqual([]);
    const refused = (await s.cspViolations()).map((v) => `${v.directive} ${v.blocked}`);
    expect(refused).toEqual(expect.arrayContaining(['script-src-elem inline', `script-src-elem ${foreign.url}/remote.js`, 'script-src-attr inline', 'script-src eval', `connect-src ${foreign.url}/fetch`]));
  });
});

describe('engine harness under the CSP', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await openApp('/harness.html');
    await s.page.waitForFunction(() => '__overtoneHarness' in window);
  });
  afterAll(() => s?.close());

  test('the ORT worker loads the demo model on the wasm backend and generates; nothing is refused', async () => {
    const loaded = await s.page.evaluate(() => (window as unknown as Win).__overtoneHarness.load('overtone-tiny-demo', { device: 'wasm', dtype: 'fp32' }));
    expect(loaded).toMatchObject({ backend: 'wasm', dtype: 'fp32' });
    const r = await s.page.evaluate(([t, stops]) => (window as unknown as Win).__overtoneHarness.generate(t, { maxTokens: 12, stopTokens: stops }), [questionPrompt('What is 17 * 23?'), STOPS] as const);
    expect(r.ids.length).toBeGreaterThan(0);
    expect(await s.cspViolations()).toEqual([]);
    expect(s.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    expect(s.requests.filter((u) => !u.startsWith(s.url) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  });
});

describe('servers send the policy as a header', () => {
  let dev: ViteDevServer | undefined;
  afterAll(() => dev?.close());

  test('vite preview: every response, worker scripts included', async () => {
    const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
    try {
      const base = server.resolvedUrls!.local[0]!;
      const html = await fetch(base);
      expect(html.headers.get(CSP_HEADER)).toBe(contentSecurityPolicy({ header: true }));
      const asset = (await html.text()).match(/src="\/(assets\/[^"]+\.js)"/)![1]!;
      expect((await fetch(base + asset)).headers.get(CSP_HEADER)).toBe(contentSecurityPolicy({ header: true }));
    } finally {
      await server.close();
    }
  });

  test('vite dev: inline scripts only by hash; the app and harness start in Chromium with nothing refused', async () => {
    dev = await createViteServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
    await dev.listen();
    const base = dev.resolvedUrls!.local[0]!;
    const res = await fetch(base);
    const policy = res.headers.get(CSP_HEADER)!;
    const html = await res.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toEqual(devInlineScripts('/'));
    for (const code of inline) expect(policy).toContain(await scriptHash(code));
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);

    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
      await page.goto(base);
      await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, null, { timeout: 120_000 });
      await page.goto(`${base}harness.html`);
      await page.waitForFunction(() => '__overtoneHarness' in window, null, { timeout: 120_000 });
      expect(refused).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
