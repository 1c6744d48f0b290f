// The chat as a person uses it, in Chromium against the built app (dist/):
// - the real worker, transformers.js/ORT-web and the trained demo model on the browser's CPU (wasm)
//   backend, where tokens are exact: type "What is 17 * 23?" into "Message", Send, and see the analysis
//   toggle (collapsed), a "Tool call: calculator" card with 17 * 23 and 391, and a final answer with 391;
// - the same app on WebGPU (SwiftShader, the runtime Auto picks here): a smoke flow that is stopped while
//   the model thinks (Stop keeps what streamed, the engine stops within a decode step);
// - hostile model and tool output (HTML, <script>, javascript: links) streamed through the real parser,
//   stores and views on the scripted page: it renders inert.
import { afterEach, describe, expect, test } from 'vitest';
import { message } from '../src/harmony/builders';
import { completionIds } from '../src/chat/testing/scripted-engine';
import { openApp, type E2eSession } from './browser';
import { storedSettings } from './settings';

let s: E2eSession | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const analysisToggle = (page: E2eSession['page']) => page.getByRole('button', { name: /^(Reasoning|Thinking|Thought)/ });
const onlyLocal = (requests: string[], origin: string) => requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));

describe('chat with the demo model', () => {
  test('CPU backend: "What is 17 * 23?" -> collapsed analysis, a calculator card with 391, a final answer with 391', async () => {
    s = await openApp('/', { localStorage: storedSettings() });
    const { page } = s;
    await page.getByRole('combobox', { name: 'Backend' }).selectOption('cpu');
    await page.getByRole('textbox', { name: 'Message' }).fill('What is 17 * 23?');
    await page.getByRole('button', { name: 'Send' }).click();

    const card = page.getByRole('article', { name: /^Tool call: calculator/ });
    await card.waitFor({ timeout: 240_000 });
    await expect.poll(() => card.innerText(), { timeout: 60_000 }).toMatch(/391/);
    expect(await card.innerText()).toContain('17 * 23');
    const toggle = analysisToggle(page).first();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    // The reply is finished when Send is back; its final answer states the tool's result.
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 120_000 });
    expect(await page.locator('.final-answer').last().innerText()).toContain('391');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(onlyLocal(s.requests, s.url)).toEqual([]);
  }, 400_000);

  test('WebGPU (SwiftShader): Stop while the model thinks keeps what streamed and ends the reply', async () => {
    s = await openApp('/', { localStorage: storedSettings() });
    const { page } = s;
    await page.getByText(/Ready on WebGPU/).waitFor({ timeout: 400_000 });
    await page.getByRole('textbox', { name: 'Message' }).fill('What is 17 * 23?');
    await page.getByRole('button', { name: 'Send' }).click();
    const toggle = analysisToggle(page).first();
    await toggle.waitFor({ timeout: 300_000 });
    await toggle.click(); // open the panel to read what has streamed
    await expect.poll(() => page.locator('.analysis-body').first().innerText(), { timeout: 120_000 }).not.toBe('');
    await page.getByRole('button', { name: 'Stop' }).click();
    // One SwiftShader decode step takes seconds; the reply must end within a few.
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 60_000 });
    const kept = await page.locator('.analysis-body').first().innerText();
    expect(kept.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Stopped').count()).toBeGreaterThan(0);
    await page.waitForTimeout(3_000);
    expect(await page.locator('.analysis-body').first().innerText()).toBe(kept);
    expect(await page.getByRole('article', { name: /^Tool call:/ }).count()).toBe(0);
  }, 800_000);
});

describe('hostile output renders inert', () => {
  const XSS = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>';
  test('HTML, <script> and javascript: links in analysis, tool arguments, tool output and the final answer', async () => {
    s = await openApp('/scripted.html');
    const { page } = s;
    await page.waitForFunction(() => '__overtoneScripted' in window);
    const round1 = completionIds([
      message('assistant', `Thinking about ${XSS}`, { channel: 'analysis' }),
      message('assistant', JSON.stringify({ expression: XSS }), { channel: 'commentary', recipient: 'functions.calculator', contentType: '<|constrain|>json' }),
    ]);
    const round2 = completionIds([message('assistant', `Here: ${XSS} and [a link](javascript:window.__pwned=3) and <a href="javascript:window.__pwned=4">x</a>\n\n\`\`\`html\n${XSS}\n\`\`\``, { channel: 'final' })]);
    await page.evaluate(([a, b]) => (window as unknown as { __overtoneScripted: { script(c: number[][], tps: number): void } }).__overtoneScripted.script([a, b], 200), [round1, round2] as const);
    await page.getByRole('textbox', { name: 'Message' }).fill('Show me something');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('article', { name: /^Tool call: calculator/ }).waitFor();
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 60_000 });
    await analysisToggle(page).first().click();
    await page.locator('.final-answer a, .final-answer span').first().click().catch(() => {});

    const main = page.locator('main');
    const text = await main.innerText();
    expect(text).toContain('window.__pwned=2'); // shown as text
    expect(await main.locator('script, img[onerror], [onerror], a[href^="javascript:" i]').count()).toBe(0);
    expect(await main.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(s.requests.filter((u) => new URL(u).pathname === '/x')).toEqual([]);
  }, 120_000);
});
