// Shared e2e setup: serve dist/ on 127.0.0.1 and drive Chromium (WebGPU on SwiftShader) with playwright-core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium';
import { serveStatic } from '../scripts/static-server';
import { contentSecurityPolicy, CSP_HEADER } from '../src/security/csp';

export interface E2eSession {
  page: Page;
  url: string;
  /** Every URL the page requested (to prove nothing leaves 127.0.0.1). */
  requests: string[];
  /** Chromium's --user-data-dir, which identifies its processes (scripts/proc-memory.ts). */
  profile: string;
  /** Console errors of the page and its workers (CSP refusals are reported there too). */
  consoleErrors: string[];
  /** The page's `securitypolicyviolation` events so far. */
  cspViolations(): Promise<{ directive: string; blocked: string; sample: string }[]>;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** Send the CSP as a header too (as `vite preview` does), besides the page's <meta> tag. Default true. */
  cspHeader?: boolean;
  /** Origins the page may also connect to (a local fake hub standing in for the model host), in header and meta. */
  connectSrc?: string[];
  /** localStorage entries every page of the context starts with where it has none yet (e.g. settings). */
  localStorage?: Record<string, string>;
}

/** The CSP with extra connect-src origins (the app's own policy names the manifest's hosts only). */
const withConnect = (csp: string, extra: string[]): string => (extra.length ? csp.replace(/connect-src ('|&#39;)self('|&#39;)/, (m) => `${m} ${extra.join(' ')}`) : csp);

export async function openApp(path: string, opts: OpenAppOptions = {}): Promise<E2eSession> {
  const extra = opts.connectSrc ?? [];
  const header: Record<string, string> = opts.cspHeader === false ? {} : { [CSP_HEADER]: withConnect(contentSecurityPolicy({ header: true }), extra) };
  const server = await serveStatic(resolve('dist'), header, extra.length ? (html) => withConnect(html, extra) : undefined);
  const profile = mkdtempSync(join(tmpdir(), 'overtone-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    consoleErrors.push(m.text());
    console.log(`[browser] ${m.text()}`);
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: unknown[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
  });
  if (opts.localStorage)
    await context.addInitScript((entries: Record<string, string>) => {
      for (const [k, v] of Object.entries(entries)) if (localStorage.getItem(k) === null) localStorage.setItem(k, v);
    }, opts.localStorage);
  await page.goto(`${server.url}${path}`);
  return {
    page,
    url: server.url,
    requests,
    profile,
    consoleErrors,
    cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: { directive: string; blocked: string; sample: string }[] }).__cspViolations),
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
