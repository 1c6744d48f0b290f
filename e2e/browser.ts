// Shared e2e setup: serve dist/ on 127.0.0.1 and drive Chromium (WebGPU on SwiftShader) with playwright-core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium';
import { serveStatic } from '../scripts/static-server';

export interface E2eSession {
  page: Page;
  url: string;
  /** Every URL the page requested (to prove nothing leaves 127.0.0.1). */
  requests: string[];
  /** Chromium's --user-data-dir, which identifies its processes (scripts/proc-memory.ts). */
  profile: string;
  close(): Promise<void>;
}

export async function openApp(path: string): Promise<E2eSession> {
  const server = await serveStatic(resolve('dist'));
  const profile = mkdtempSync(join(tmpdir(), 'overtone-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`[browser] ${m.text()}`);
  });
  await page.goto(`${server.url}${path}`);
  return {
    page,
    url: server.url,
    requests,
    profile,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
