// EngineClient.stop(): another tab took the engine over. Against a worker that never answers: every request
// in flight ends with the reason at once, the worker is terminated and a fresh one takes its place.
import { describe, expect, test } from 'vitest';
import { EngineClient, type WorkerLike } from './client';
import { FIXES, type EngineRequest } from './protocol';

class SilentWorker implements WorkerLike {
  static made: SilentWorker[] = [];
  terminated = false;
  readonly received: EngineRequest['type'][] = [];
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  constructor() {
    SilentWorker.made.push(this);
  }
  postMessage(m: EngineRequest): void {
    this.received.push(m.type);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const REASON = { code: 'engine-elsewhere', message: 'Overtone is running the model in another tab.', fix: FIXES['engine-elsewhere'] } as const;

describe('EngineClient.stop', () => {
  test('load, generation and probe in flight fail with the reason; unload counts as done; a fresh worker follows', async () => {
    SilentWorker.made = [];
    const client = new EngineClient(() => new SilentWorker());
    const load = client.load({ modelId: 'm', localModelPath: '/models/', device: 'wasm', dtype: 'fp32' });
    const probe = client.probe();
    const unload = client.unload();
    const { events } = client.generate({ tokens: [1], sampling: { temperature: 0, topP: 1, topK: 0, seed: 0 }, stopTokens: [], maxTokens: 1 });
    const drained = (async () => {
      for await (const _ of events) void _;
    })();
    client.stop(REASON);
    await expect(load).rejects.toMatchObject({ code: 'engine-elsewhere' });
    await expect(probe).rejects.toMatchObject({ code: 'engine-elsewhere' });
    await expect(drained).rejects.toMatchObject({ code: 'engine-elsewhere' });
    await expect(unload).resolves.toBeUndefined();
    expect(SilentWorker.made).toHaveLength(2);
    expect(SilentWorker.made[0]!.terminated).toBe(true);
    expect(SilentWorker.made[1]!.terminated).toBe(false);
    expect(client.respawns).toBe(1);
    client.probe();
    expect(SilentWorker.made[1]!.received).toEqual(['probe']);
  });
});
