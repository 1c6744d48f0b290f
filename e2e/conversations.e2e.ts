// Conversations that last, branch and travel; the person's own tools; the inspector; hostile imports (issue 9),
// in Chromium against the built app:
// - the scripted page (real stores with IndexedDB, agent loop, parser, UI, tool sandbox over a paced fake
//   engine that records its prompts) where a test needs exact model output: reload keeps a finished and an
//   interrupted conversation; export -> import -> export is byte-identical; a user tool runs in the sandbox
//   and its result is in the next prompt; approval Deny; a hostile imported conversation renders inert;
// - the real worker with the demo model on the CPU backend: edit-and-resend makes a branch, the arrows
//   switch, the second reply reports its re-prefilled tokens (the engine reused the cached prefix).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { completionIds } from '../src/chat/testing/scripted-engine';
import { text as textMessage, turnOf } from '../src/chat/testing/conversations';
import { exportJson } from '../src/chat/transfer/export-json';
import type { AssistantNode, Conversation, UserNode } from '../src/chat/types';
import { message, toolResultMessage } from '../src/harmony/builders';
import { decodeUtf8 } from '../src/harmony/encoding';
import { renderConversationForCompletion } from '../src/harmony/render';
import type { Message } from '../src/harmony/types';
import type { ScriptedApi } from '../src/scripted/main';
import { openApp, type E2eSession } from './browser';
import { toolResultSuffix } from './demo-flow';
import { foreignOrigin } from './foreign-origin';

let s: E2eSession | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

type Page = E2eSession['page'];
const final = (t: string): Message => message('assistant', t, { channel: 'final' });
const call = (tool: string, args: unknown): Message => message('assistant', JSON.stringify(args), { channel: 'commentary', recipient: `functions.${tool}`, contentType: '<|constrain|>json' });

async function scriptedPage(): Promise<E2eSession> {
  const session = await openApp('/scripted.html');
  await session.page.waitForFunction(() => '__overtoneScripted' in window);
  return session;
}
const script = (page: Page, completions: number[][], tokensPerSecond = 400) =>
  page.evaluate(([c, tps]) => (window as unknown as { __overtoneScripted: ScriptedApi }).__overtoneScripted.script(c, tps), [completions, tokensPerSecond] as const);
const prompts = (page: Page) => page.evaluate(() => (window as unknown as { __overtoneScripted: ScriptedApi }).__overtoneScripted.prompts());
const composerSend = (page: Page) => page.locator('form.composer').getByRole('button', { name: 'Send' });
async function ask(page: Page, question: string, timeout = 60_000): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(question);
  await composerSend(page).click();
  await page.getByRole('button', { name: 'Stop' }).waitFor({ state: 'detached', timeout });
}
const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
const lastAnswer = (page: Page) => page.locator('.final-answer').last();

async function exportJsonOf(page: Page, title: string): Promise<{ name: string; bytes: Buffer }> {
  const row = sidebar(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: title, exact: true }) });
  await row.getByText('Export', { exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Export JSON' }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}
const importFile = (page: Page, name: string, bytes: Buffer | string) =>
  page.getByLabel('Import file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes) });

describe('conversations last and travel (scripted page)', () => {
  test('reload keeps a finished conversation and an interrupted one (every shown token, marked Interrupted, Retry offered)', async () => {
    s = await scriptedPage();
    const { page } = s;
    await script(page, [completionIds([final('The finished answer.')])]);
    await ask(page, 'First question');
    expect(await lastAnswer(page).innerText()).toBe('The finished answer.');

    const words = Array.from({ length: 150 }, (_, i) => `w${i}`).join(' ');
    await script(page, [completionIds([final(words)])], 25);
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Second question');
    await composerSend(page).click();
    await expect.poll(() => lastAnswer(page).innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/w12 /);
    const shown = await lastAnswer(page).innerText();
    await page.reload();
    await page.waitForFunction(() => '__overtoneScripted' in window);

    await page.getByText(/^Interrupted/).waitFor();
    const kept = await lastAnswer(page).innerText();
    expect(kept.startsWith(shown)).toBe(true); // nothing shown before the reload is lost
    expect(words.startsWith(kept)).toBe(true);
    expect(kept.length).toBeLessThan(words.length);
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(await sidebar(page).getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('Second question'), expect.stringContaining('First question')]);
    await sidebar(page).getByRole('button', { name: 'First question', exact: true }).click();
    await expect.poll(() => lastAnswer(page).innerText()).toBe('The finished answer.');
  }, 120_000);

  test('export -> import -> export is byte-identical; a damaged file is refused with the reason and changes nothing', async () => {
    s = await scriptedPage();
    await script(s.page, [completionIds([message('assistant', 'Think it over.', { channel: 'analysis' }), final('Round **trip** answer.')])]);
    await ask(s.page, 'Round trip');
    const first = await exportJsonOf(s.page, 'Round trip');
    expect(first.name).toBe('Round-trip.overtone.json');
    await s.close();

    s = await scriptedPage(); // a fresh browser profile: empty storage
    const { page } = s;
    await importFile(page, 'cut.json', first.bytes.subarray(0, first.bytes.length / 2));
    const alert = page.getByRole('alert').filter({ hasText: 'not valid JSON' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/nothing was imported/);
    expect(await sidebar(page).getByRole('listitem').count()).toBe(0);

    await importFile(page, first.name, first.bytes);
    await sidebar(page).getByRole('button', { name: 'Round trip', exact: true }).waitFor();
    await expect.poll(() => lastAnswer(page).innerText()).toBe('Round trip answer.');
    const again = await exportJsonOf(page, 'Round trip');
    expect(again.bytes.equals(first.bytes)).toBe(true);
  }, 120_000);
});

describe('user tools (scripted page, a model that takes the user tools)', () => {
  async function addTool(page: Page, approval: 'auto' | 'ask'): Promise<void> {
    await page.getByRole('radio', { name: 'Tiny gpt-oss (random weights)' }).check();
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: 'Add tool' }).click();
    await dialog.getByLabel('Tool name').fill('shout');
    await dialog.getByLabel('Tool description').fill('Upper-cases the text.');
    await dialog.getByLabel('JavaScript body').fill('return args.text.toUpperCase() + "!" + (typeof fetch);');
    await dialog.getByLabel('Approval').selectOption(approval);
    await dialog.getByRole('button', { name: 'Save tool' }).click();
    await dialog.getByRole('checkbox', { name: 'Enable shout' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  const round1 = completionIds([call('shout', { text: 'hello' })]);

  test('the model calls it, the code runs in the sandbox, the result is in the next prompt', async () => {
    s = await scriptedPage();
    const { page } = s;
    await addTool(page, 'auto');
    await script(page, [round1, completionIds([final('It says HELLO.')])]);
    await ask(page, 'Shout hello');
    const card = page.getByRole('article', { name: 'Tool call: shout' });
    expect(await card.innerText()).toContain('HELLO!undefined'); // fetch is gone inside the sandbox
    const [p1, p2] = await prompts(page);
    expect(decodeUtf8(p1!)).toContain('// Upper-cases the text.\ntype shout = (_: {');
    expect(p2!.slice(p1!.length)).toEqual([...round1, ...toolResultSuffix('functions.shout', 'HELLO!undefined')]);
    expect(await lastAnswer(page).innerText()).toBe('It says HELLO.');
  }, 120_000);

  test('approval: Deny runs nothing and the model reads that the user denied the call', async () => {
    s = await scriptedPage();
    const { page } = s;
    await addTool(page, 'ask');
    await script(page, [round1, completionIds([final('Understood, I will not.')])]);
    await page.getByRole('textbox', { name: 'Message' }).fill('Shout hello');
    await composerSend(page).click();
    const approval = page.getByRole('article', { name: 'Allow tool call: shout' });
    await approval.waitFor();
    expect(await approval.innerText()).toContain('"text": "hello"');
    await approval.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor({ state: 'detached' });
    const card = page.getByRole('article', { name: 'Tool call: shout' });
    expect(await card.innerText()).toContain('The user denied this tool call.');
    expect(await card.innerText()).not.toContain('HELLO');
    const [p1, p2] = await prompts(page);
    expect(decodeUtf8(p2!.slice(p1!.length + round1.length))).toContain(JSON.stringify({ error: 'The user denied this tool call.' }));
  }, 120_000);
});

describe('a hostile imported conversation renders inert', () => {
  test('HTML, <script>, javascript: links and foreign URLs in the title, analysis, tool arguments, tool output and answer: sidebar, cards, inspector', async () => {
    const foreign = await foreignOrigin();
    try {
      const X = (where: string) =>
        `${where}: <img src="${foreign.url}/${where}.png" onerror="window.__pwned='${where}'"><script src="${foreign.url}/${where}.js"></script>` +
        `<script>window.__pwned='${where}-inline'</script><a href="javascript:window.__pwned='${where}-link'">x</a> [md](javascript:window.__pwned='${where}-md')`;
      const messages = [
        textMessage('assistant', X('analysis'), { channel: 'analysis' }),
        call('calculator', { expression: X('args') }),
        toolResultMessage('functions.calculator', X('output')),
        textMessage('assistant', X('final'), { channel: 'final' }),
      ];
      const u1: UserNode = { id: 'u1', parentId: 'root', role: 'user', text: X('user'), children: ['a1'], activeChild: 0, createdAt: 1_700_000_000_000 };
      const turn = turnOf(messages, {
        tools: [{ callIndex: 1, recipient: 'functions.calculator', tool: 'calculator', argsText: JSON.stringify({ expression: X('args') }), status: 'ok', output: X('output'), startedAt: 1_700_000_000_600, ms: 3 }],
        promptIds: renderConversationForCompletion([message('user', X('user'))], 'assistant'),
        completionIds: completionIds(messages),
      });
      const a1: AssistantNode = { id: 'a1', parentId: 'u1', role: 'assistant', turn, children: [], activeChild: 0, createdAt: 1_700_000_000_400 };
      const hostile: Conversation = { id: 'hostile', title: X('title'), createdAt: 1_700_000_000_000, updatedAt: 1_700_000_001_000, nodes: { root: { id: 'root', role: 'root', children: ['u1'], activeChild: 0 }, u1, a1 } };

      s = await scriptedPage();
      const { page } = s;
      await importFile(page, 'hostile.json', exportJson([hostile]));
      await page.getByRole('article', { name: 'Tool call: calculator' }).waitFor();
      await page.getByRole('button', { name: /^(Reasoning|Thinking|Thought)/ }).first().click();
      await page.getByRole('button', { name: 'Inspect tokens' }).click();
      const inspector = page.getByRole('dialog', { name: 'Token inspector' });
      await inspector.getByRole('heading', { name: 'Completion' }).waitFor();

      const navText = await sidebar(page).innerText();
      expect(navText).toContain(`title: <img src="${foreign.url}/title.png"`);
      const mainText = await page.locator('main').innerText();
      for (const where of ['user', 'analysis', 'args', 'output', 'final']) expect(mainText).toContain(`window.__pwned='${where}-inline'`);
      expect(await inspector.innerText()).toContain("window.__pwned='final-inline'");
      await page.waitForTimeout(500);

      const live = await page.evaluate(() => document.body.querySelectorAll('script, img, iframe, object, embed, [onerror], a[href^="javascript:" i]').length);
      expect(live).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
      expect(foreign.hits).toEqual([]);
      expect(s.requests.filter((u) => u.startsWith(foreign.url))).toEqual([]);
      expect(await s.cspViolations()).toEqual([]);
    } finally {
      await foreign.close();
    }
  }, 120_000);
});

describe('branches with the demo model (CPU backend)', () => {
  test('edit-and-resend makes a second version; the arrows switch; the new reply reports its re-prefilled tokens', async () => {
    s = await openApp('/');
    const { page } = s;
    await page.getByRole('combobox', { name: 'Backend' }).selectOption('cpu');
    await ask(page, 'Hello!', 300_000);
    const firstAnswer = await lastAnswer(page).innerText();
    expect(firstAnswer.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Edit message' }).fill('Hi!');
    await page.locator('form.user-edit').getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor({ state: 'detached', timeout: 120_000 });
    const versions = page.locator('.msg-user').getByRole('group', { name: 'Versions' });
    expect(await versions.innerText()).toContain('2/2');
    expect(await page.locator('.user-text').innerText()).toBe('Hi!');
    // The prelude (system + developer messages) was still in the engine's KV cache.
    expect(await page.locator('.reply-stats').last().innerText()).toMatch(/re-prefilled \d+ tokens \(\d+ reused from the KV cache\)/);

    await versions.getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(() => page.locator('.user-text').innerText()).toBe('Hello!');
    expect(await versions.innerText()).toContain('1/2');
    expect(await lastAnswer(page).innerText()).toBe(firstAnswer);
    await versions.getByRole('button', { name: 'Next version' }).click();
    await expect.poll(() => page.locator('.user-text').innerText()).toBe('Hi!');
  }, 400_000);
});
