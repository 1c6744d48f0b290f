// The client against an in-process worker running the real engine core (transformers.js on Node CPU):
// typed events, generation streams, and respawn after failures so the next request works.
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EngineClient } from './client';
import type { EngineEvent } from './protocol';
import { InProcessWorker } from './testing/in-process-worker';

const MODELS = resolve('public/models') + '/';
const PROMPT = [200006, 1428, 200008, 13225, 200007, 200006, 173781];
const GREEDY = { temperature: 0, topP: 1, topK: 0, seed: 0 };

async function collect(events: AsyncIterable<EngineEvent>): Promise<EngineEvent[]> {
  const out: EngineEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('EngineClient', () => {
  test('load with progress, then a generation stream ending in done', async () => {
    const client = new EngineClient(() => new InProcessWorker());
    const progress: number[] = [];
    const ready = await client.load({ modelId: 'overtone-tiny-random', localModelPath: MODELS, device: 'cpu', dtype: 'q4f16' }, (p) => progress.push(p.totalLoaded));
    expect(ready.dtype).toBe('q4f16');
    expect(progress.length).toBeGreaterThan(0);
    const { events } = client.generate({ tokens: PROMPT, sampling: GREEDY, stopTokens: [], maxTokens: 5 });
    const all = await collect(events);
    expect(all.map((e) => e.type)).toContain('prefill.done');
    expect(all.flatMap((e) => (e.type === 'tokens' ? e.ids : []))).toHaveLength(5);
    expect(all.at(-1)).toMatchObject({ type: 'done', reason: 'length' });
    client.dispose();
  });

  test('a failed load gives a typed error and a fresh worker; the next load works', async () => {
    const before = InProcessWorker.created;
    const client = new EngineClient(() => new InProcessWorker());
    await expect(client.load({ modelId: 'does-not-exist', localModelPath: MODELS, device: 'cpu', dtype: 'q4f16' })).rejects.toMatchObject({ code: 'download' });
    expect(client.respawns).toBe(1);
    expect(InProcessWorker.created - before).toBe(2);
    const ready = await client.load({ modelId: 'overtone-tiny-random', localModelPath: MODELS, device: 'cpu', dtype: 'q4f16' });
    expect(ready.modelId).toBe('overtone-tiny-random');
    const all = await collect(client.generate({ tokens: PROMPT, sampling: GREEDY, stopTokens: [], maxTokens: 2 }).events);
    expect(all.at(-1)).toMatchObject({ type: 'done' });
    client.dispose();
  });

  test('a crashed worker rejects the stream with worker-crashed and is replaced', async () => {
    let crash = true;
    const client = new EngineClient(() => new InProcessWorker(crash));
    const stream = client.generate({ tokens: PROMPT, sampling: GREEDY, stopTokens: [], maxTokens: 2 });
    await expect(collect(stream.events)).rejects.toMatchObject({ code: 'worker-crashed' });
    expect(client.respawns).toBe(1);
    crash = false;
    client.respawn(); // the replacement above was made while `crash` was still true
    await client.load({ modelId: 'overtone-tiny-random', localModelPath: MODELS, device: 'cpu', dtype: 'q4f16' });
    const all = await collect(client.generate({ tokens: PROMPT, sampling: GREEDY, stopTokens: [], maxTokens: 2 }).events);
    expect(all.at(-1)).toMatchObject({ type: 'done' });
    client.dispose();
  });

  test('generate before load: typed error, the worker is kept', async () => {
    const client = new EngineClient(() => new InProcessWorker());
    await expect(collect(client.generate({ tokens: PROMPT, sampling: GREEDY, stopTokens: [], maxTokens: 2 }).events)).rejects.toMatchObject({ code: 'not-loaded' });
    expect(client.respawns).toBe(0);
    client.dispose();
  });
});
