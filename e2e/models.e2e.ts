// Issue 10 through the chat UI (the built app, dist/), in Chromium with WebGPU on SwiftShader:
// - picking gpt-oss-20b runs its preflight: the shader-f16 error with its fix, Load model off, and not one
//   request to the model host;
// - a picked folder loads the demo model with no request; an incomplete one names what is missing;
// - two tabs, one engine: the second tab says the model runs elsewhere, "Use here" moves it, the first stops;
// - after one online visit with the demo model loaded and a chat, the app reloads with the network off and
//   chats again (the service worker controls the page before the network goes).
// The demo model runs on the CPU (wasm) backend with a fixed sampling seed (e2e/settings.ts): fast and exact.
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type E2eSession } from './browser';
import { storedSettings } from './settings';

const CPU = storedSettings({ backend: 'cpu' });
const DEMO_DIR = resolve('dist/models/overtone-tiny-demo');
const MODEL_HOSTS = /huggingface\.co|hf\.co/;
let s: E2eSession | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const ready = (page: Page) => page.getByText(/^Ready on CPU/).waitFor({ timeout: 120_000 });
const elsewhere = (page: Page) => page.getByRole('alert').filter({ hasText: 'Overtone is running the model in another tab' });

/** Sends a question and returns the final answer once the reply is finished (Send is back). */
async function ask(page: Page, question: string): Promise<string> {
  await page.getByRole('textbox', { name: 'Message' }).fill(question);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('button', { name: 'Stop' }).waitFor({ state: 'detached', timeout: 120_000 }).catch(() => {});
  await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 120_000 });
  await expect.poll(() => page.locator('.final-answer').count(), { timeout: 60_000 }).toBeGreaterThan(0);
  return page.locator('.final-answer').last().innerText();
}

describe('models in the chat UI', () => {
  test('gpt-oss-20b on SwiftShader: the preflight shows the shader-f16 error and nothing is requested from the model host', async () => {
    s = await openApp('/');
    const { page } = s;
    await page.getByRole('radio', { name: /^gpt-oss-20b/ }).check();
    const error = page.locator('.preflight [data-code="no-shader-f16"]');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.innerText()).toMatch(/shader-f16.*pick a smaller built-in model/s);
    expect(await page.locator('.preflight [data-check="shader-f16"]').getAttribute('data-state')).toBe('failed');
    expect(await page.getByRole('button', { name: 'Load model' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    expect(s.requests.filter((u) => MODEL_HOSTS.test(new URL(u).hostname))).toEqual([]);
    expect(s.requests.filter((u) => !u.startsWith(s!.url) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  });

  test('Load from folder: the demo model with no request; an incomplete folder names the missing file first', async () => {
    // The directory picker is a native dialog a test cannot drive; the webkitdirectory input (the fallback)
    // hands the same files to the same callback.
    s = await openApp('/', { localStorage: CPU });
    const { page } = s;
    await ready(page);
    const input = page.locator('.folder-picker input[type=file]');

    const partial = mkdtempSync(join(tmpdir(), 'overtone-folder-'));
    try {
      mkdirSync(join(partial, 'demo', 'onnx'), { recursive: true });
      for (const f of readdirSync(DEMO_DIR).filter((n) => n.endsWith('.json'))) linkSync(join(DEMO_DIR, f), join(partial, 'demo', f));
      linkSync(join(DEMO_DIR, 'onnx', 'model.onnx'), join(partial, 'demo', 'onnx', 'model.onnx'));
      await input.setInputFiles(join(partial, 'demo'));
      const alert = page.locator('.load-error[data-code="incomplete-folder"]');
      await alert.waitFor();
      expect(await alert.innerText()).toContain('missing onnx/model.onnx_data');
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }

    const before = s.requests.length;
    await input.setInputFiles(DEMO_DIR);
    await page.getByText(/^Ready on CPU \(WebAssembly\), fp32, from the picked folder/).waitFor({ timeout: 120_000 });
    expect(await ask(page, 'What is 17 * 23?')).toContain('391');
    // Nothing but the app's own code (the runtime chunk on first send, ORT's wasm) was requested.
    expect(s.requests.slice(before).filter((u) => u.includes('/models/'))).toEqual([]);
  });

  test('two tabs, one engine: the second says it runs elsewhere; "Use here" moves it and the first tab stops', async () => {
    s = await openApp('/', { localStorage: CPU });
    const a = s.page;
    await ready(a);
    const b = await a.context().newPage();
    await b.goto(`${s.url}/`);
    await elsewhere(b).waitFor({ timeout: 60_000 });
    expect(await b.getByRole('button', { name: 'Load model' }).isDisabled()).toBe(true);
    expect(await b.getByText(/^Ready on/).count()).toBe(0);

    await elsewhere(b).getByRole('button', { name: 'Use here' }).click();
    await ready(b);
    await elsewhere(a).waitFor({ timeout: 30_000 });
    expect(await a.getByText(/^Ready on/).count()).toBe(0);
    expect(await a.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    expect(await ask(b, 'What is 17 * 23?')).toContain('391');

    // And back: the first tab takes it over again.
    await elsewhere(a).getByRole('button', { name: 'Use here' }).click();
    await ready(a);
    await elsewhere(b).waitFor({ timeout: 30_000 });
  });

  test('after one online visit with the demo model loaded and a chat, the app reloads offline and chats', async () => {
    s = await openApp('/', { localStorage: CPU });
    const { page } = s;
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload(); // now controlled by the service worker: what the page fetches from here on is cached
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await ready(page);
    const online = await ask(page, 'What is 17 * 23?');
    expect(online).toContain('391');

    await page.context().setOffline(true);
    try {
      await page.reload();
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await page.getByRole('button', { name: 'New chat' }).click();
      await ready(page);
      expect(await ask(page, 'What is 17 * 23?')).toContain('391');
    } finally {
      await page.context().setOffline(false);
    }
  });
});
