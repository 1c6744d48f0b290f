// npm run bench:ui: streams 2,000 tokens (analysis, then a Markdown answer with lists and code) from a fake
// engine at 100 tokens/s through the real Harmony parser, stores and chat UI in Chromium (the scripted page
// of the built app), and prints the longest main-thread task (goal <= 50 ms) and the main thread's time per
// token (Chrome's TaskDuration / ScriptDuration / LayoutDuration over the stream). Run `npm run build` first
// (the npm script does).
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { completionIds } from '../src/chat/testing/scripted-engine';
import { message } from '../src/harmony/builders';
import { CHROMIUM_ARGS, findChromium } from './find-chromium';
import { serveStatic } from './static-server';

const TOKENS = Number(process.env.TOKENS ?? 2000);
const RATE = Number(process.env.RATE ?? 100);
/** PROFILE=1: also print the functions with the most self time during the stream (V8 sampling profiler). */
const PROFILE = process.env.PROFILE === '1';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
}
function printProfile(p: Profile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  console.log('  top self time (ms):');
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${ms.toFixed(0).padStart(7)}  ${k}`);
}

const BLOCK = [
  '## A section',
  '',
  'Streaming text with **bold**, _emphasis_, `inline code` and a [link](https://example.org/). '.repeat(3),
  '',
  '- first item with some words',
  '- second item, a little longer than the first one',
  '',
  '```ts',
  'function add(a: number, b: number): number {',
  '  return a + b; // highlighted while it streams',
  '}',
  '```',
  '',
].join('\n');

/** A completion of exactly `n` ids: a quarter analysis, the rest a final Markdown answer. */
function completion(n: number): number[] {
  const think = 'Let me think about this step by step, weighing each part of the question. ';
  let a = 1;
  let f = 1;
  const build = () => completionIds([message('assistant', think.repeat(a), { channel: 'analysis' }), message('assistant', BLOCK.repeat(f), { channel: 'final' })]);
  while (build().length < n / 4) a++;
  while (build().length < n) f++;
  const ids = build();
  return [...ids.slice(0, n - 1), ids[ids.length - 1]!]; // end on <|return|>
}

type Metrics = Record<string, number>;

async function main(): Promise<void> {
  const ids = completion(TOKENS);
  const server = await serveStatic(resolve('dist'));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${server.url}/scripted.html`);
    await page.waitForFunction(() => '__overtoneScripted' in window);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: { at: number; ms: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push({ at: e.startTime, ms: e.duration }))).observe({ type: 'longtask', buffered: false });
    });
    await page.evaluate(([c, r]) => (window as unknown as { __overtoneScripted: { script(c: number[][], r: number): void } }).__overtoneScripted.script([c], r), [ids, RATE] as const);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Metrics> => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));

    await page.getByRole('textbox', { name: 'Message' }).fill('Write something long');
    // The agent runtime (tokenizer tables) arrives after first paint; measure the stream, not its arrival.
    await page.getByText(/tokens$/).first().waitFor({ timeout: 60_000 });
    if (PROFILE) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    const before = await metrics();
    const sentAt = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.getByRole('button', { name: /^(Thinking|Thought|Reasoning)/ }).first().waitFor();
    const firstShownAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: (TOKENS / RATE) * 4000 + 60_000 });
    const wall = (Date.now() - t0) / 1000;
    const after = await metrics();
    if (PROFILE) printProfile(((await cdp.send('Profiler.stop')) as { profile: Profile }).profile);
    // Long tasks from the Send click on (the page's own start-up is not the stream's cost), and those after the
    // first streamed text was on screen (the reply's start replaces the welcome screen: a one-off layout).
    const all = (await page.evaluate(() => (window as unknown as { __longTasks: { at: number; ms: number }[] }).__longTasks)).filter((t) => t.at >= sentAt);
    const longTasks = all.map((t) => t.ms);
    const streamingTasks = all.filter((t) => t.at >= firstShownAt).map((t) => t.ms);
    const shown = await page.locator('.final-answer').last().innerText();

    const per = (k: string) => ((after[k]! - before[k]!) * 1000) / TOKENS;
    console.log(`bench:ui — ${TOKENS} tokens at ${RATE} tok/s through the real parser, stores and chat UI (Chromium ${browser.version()}, ${new Date().toISOString().slice(0, 10)})`);
    console.log(`  stream wall time                 ${wall.toFixed(1)} s (ideal ${(TOKENS / RATE).toFixed(1)} s)`);
    console.log(`  longest main-thread task         ${longTasks.length ? Math.max(...longTasks).toFixed(0) : '< 50'} ms from Send (goal <= 50 ms; long tasks > 50 ms: ${longTasks.length})`);
    console.log(`    of which while tokens stream   ${streamingTasks.length ? Math.max(...streamingTasks).toFixed(0) : '< 50'} ms (long tasks > 50 ms after the first text was shown: ${streamingTasks.length})`);
    console.log(`  main thread per token            ${per('TaskDuration').toFixed(3)} ms (script ${per('ScriptDuration').toFixed(3)}, layout ${per('LayoutDuration').toFixed(3)}, style ${per('RecalcStyleDuration').toFixed(3)})`);
    console.log(`  main thread busy                 ${(((after.TaskDuration! - before.TaskDuration!) / wall) * 100).toFixed(1)} % of the stream`);
    console.log(`  final answer shown               ${shown.length} characters`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
