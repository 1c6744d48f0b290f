// `npm run bench:harmony`: prints Harmony figures (no assertions). Baselines run in the same process:
// render throughput is compared with gpt-tokenizer's raw encode of the same text.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { encode as rawEncode } from 'gpt-tokenizer/encoding/o200k_harmony';
import { StreamParser, parseMessagesFromCompletionTokens } from '../src/harmony/parser';
import { renderConversation } from '../src/harmony/render';
import { newSystemContent } from '../src/harmony/builders';
import type { Message } from '../src/harmony/types';

const now = () => performance.now();

function timeBest(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = now();
    fn();
    best = Math.min(best, now() - t);
  }
  return best;
}

const PARAGRAPH =
  'The quick brown fox jumps over the lazy dog. Überraschung: 42 × 17 = 714, 你好, 😊. ' +
  'Harmony renders each piece of text separately, so the renderer must stay close to the raw tokenizer. ';

function conversation(turns: number): Message[] {
  const msgs: Message[] = [{ author: { role: 'system' }, content: [newSystemContent()] }];
  for (let i = 0; i < turns; i++) {
    msgs.push({ author: { role: 'user' }, content: [{ type: 'text', text: `${PARAGRAPH} (${i})` }] });
    msgs.push({ author: { role: 'assistant' }, channel: 'final', content: [{ type: 'text', text: PARAGRAPH.repeat(2) }] });
  }
  return msgs;
}

function benchRender(): void {
  const msgs = conversation(200);
  const texts = msgs.flatMap((m) => m.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])));
  renderConversation(msgs); // warm caches of both sides
  texts.forEach((t) => rawEncode(t));
  const tokens = renderConversation(msgs).length;
  const renderMs = timeBest(5, () => renderConversation(msgs));
  const rawMs = timeBest(5, () => texts.forEach((t) => rawEncode(t)));
  console.log(`render: ${tokens} tokens in ${renderMs.toFixed(2)} ms = ${Math.round(tokens / (renderMs / 1000)).toLocaleString('en')} tokens/s`);
  console.log(`raw gpt-tokenizer encode of the same text pieces: ${rawMs.toFixed(2)} ms; render/raw time ratio ${(renderMs / rawMs).toFixed(3)} (goal <= 1.2)`);
}

function streamTokens(count: number): number[] {
  const body = renderConversation(conversation(400).slice(1)).filter((t) => t < 199998);
  const ids = [200005, 17196, 200008];
  while (ids.length < count - 1) ids.push(body[ids.length % body.length]!);
  ids.push(200002);
  return ids;
}

function benchParser(): void {
  const ids = streamTokens(100_000);
  const run = () => {
    const p = new StreamParser({ role: 'assistant' });
    for (const id of ids) p.process(id);
    return p;
  };
  run();
  const ms = timeBest(7, run);
  console.log(`stream parser: ${((ms * 1000) / ids.length).toFixed(3)} µs per token (100k-token stream, best of 7; goal <= 1 µs)`);
  const parseMs = timeBest(7, () => parseMessagesFromCompletionTokens(ids, 'assistant'));
  console.log(`parseMessagesFromCompletionTokens of a 100k-token stream: ${parseMs.toFixed(1)} ms`);
}

async function benchCli(): Promise<void> {
  const t0 = now();
  const child = spawn('npm', ['run', '--silent', 'harmony'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  child.stdin!.write('{"op":"encode","text":"hi"}\n');
  await lines.next();
  const startup = now() - t0;
  const N = 5000;
  const t1 = now();
  child.stdin!.write('{"op":"parse","tokens":[200006,173781,200005,17196,200008,24912,2375,200002],"role":null,"strict":true}\n'.repeat(N));
  for (let i = 0; i < N; i++) await lines.next();
  const rps = N / ((now() - t1) / 1000);
  child.stdin!.end();
  console.log(`CLI (npm run --silent harmony): first answer ${startup.toFixed(0)} ms after spawn (goal < 2000); ${Math.round(rps).toLocaleString('en')} parse requests/s (goal > 1000)`);
}

console.log(`Harmony bench — ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, node ${process.version}`);
benchRender();
benchParser();
await benchCli();
