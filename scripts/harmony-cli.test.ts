import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, test } from 'vitest';
import { handleLine, handleRequest } from './harmony-protocol';

// Ids from HARMONY-SPEC §3 (worked renders) and §4.2 (default system message, 50 tokens).
const DEFAULT_SYSTEM = [200006, 17360, 200008, 3575, 553, 17554, 162016, 11, 261, 4410, 6439, 2359, 22203, 656, 7788, 17527, 558, 87447, 100594, 25, 220, 1323, 19, 12, 3218, 279, 30377, 289, 25, 14093, 279, 2, 13888, 18403, 25, 8450, 11, 49159, 11, 1721, 13, 21030, 2804, 413, 7360, 395, 1753, 3176, 13, 200007];
const CALL = [200006, 173781, 316, 28, 44580, 775, 170154, 200005, 12606, 815, 220, 200003, 4108, 200008, 10848, 7693, 7534, 173844, 18583, 200012];
const REASONING = [200005, 35644, 200008, 1844, 31064, 25, 392, 4827, 382, 220, 17, 659, 220, 17, 16842, 12295, 81645, 13, 51441, 6052, 13, 200002, 200006, 173781, 200005, 17196, 200008, 17, 659, 220, 17, 314, 220, 19, 13];
const SYSTEM_JSON = {
  role: 'system',
  content: [{
    type: 'system_content',
    model_identity: 'You are ChatGPT, a large language model trained by OpenAI.',
    reasoning_effort: 'Medium',
    knowledge_cutoff: '2024-06',
    channel_config: { valid_channels: ['analysis', 'commentary', 'final'], channel_required: true },
  }],
};

describe('protocol handler', () => {
  test('render: conversation, completion, training and defaults', () => {
    expect(handleRequest({ op: 'render', messages: [SYSTEM_JSON] })).toEqual({ tokens: DEFAULT_SYSTEM });
    expect(handleRequest({ op: 'render', messages: [{ role: 'user', content: 'Hello' }], mode: 'completion' })).toEqual({
      tokens: [200006, 1428, 200008, 13225, 200007, 200006, 173781],
    });
    const call = { role: 'assistant', recipient: 'functions.get_weather', channel: 'commentary', content_type: '<|constrain|>json', content: [{ type: 'text', text: '{"location":"Tokyo"}' }] };
    expect(handleRequest({ op: 'render', messages: [call] })).toEqual({ tokens: CALL });
    const final = { role: 'assistant', channel: 'final', content: '2 + 2 = 4.' };
    const finalIds = [200006, 173781, 200005, 17196, 200008, 17, 659, 220, 17, 314, 220, 19, 13];
    expect(handleRequest({ op: 'render', messages: [final], mode: 'training' })).toEqual({ tokens: [...finalIds, 200002] });
    expect(handleRequest({ op: 'render', messages: [final] })).toEqual({ tokens: [...finalIds, 200007] });
  });

  test('render: a bare system_content renders an empty body; auto_drop_analysis switch', () => {
    expect(handleRequest({ op: 'render', messages: [{ role: 'system', content: [{ type: 'system_content' }] }] })).toEqual({
      tokens: [200006, 17360, 200008, 200007],
    });
    const convo = [
      { role: 'user', content: 'q' },
      { role: 'assistant', channel: 'analysis', content: 'think' },
      { role: 'assistant', channel: 'final', content: 'a' },
    ];
    const dropped = handleRequest({ op: 'render', messages: convo }).tokens as number[];
    const kept = handleRequest({ op: 'render', messages: convo, auto_drop_analysis: false }).tokens as number[];
    expect(kept.length).toBeGreaterThan(dropped.length);
    expect(dropped).not.toContain(35644); // "analysis"
  });

  test('parse signals EOS; stream does not', () => {
    expect(handleRequest({ op: 'parse', tokens: REASONING, role: 'assistant', strict: true })).toEqual({
      messages: [
        { role: 'assistant', channel: 'analysis', content: [{ type: 'text', text: 'User asks: "What is 2 + 2?" Simple arithmetic. Provide answer.' }] },
        { role: 'assistant', channel: 'final', content: [{ type: 'text', text: '2 + 2 = 4.' }] },
      ],
    });
    const s = handleRequest({ op: 'stream', tokens: REASONING, role: 'assistant', strict: true }) as { steps: unknown[]; messages: unknown[] };
    expect(s.steps).toHaveLength(REASONING.length);
    expect(s.messages).toHaveLength(1); // the final answer has no stop token yet
    expect(s.steps[2]).toEqual({ current_role: 'assistant', current_channel: 'analysis', current_recipient: null, current_content_type: null, last_content_delta: null });
    expect(s.steps[3]).toEqual({ current_role: 'assistant', current_channel: 'analysis', current_recipient: null, current_content_type: null, last_content_delta: 'User' });
    const cut = handleRequest({ op: 'parse', tokens: [200006, 173781, 200005], role: null, strict: true });
    expect(cut).toEqual({ error: 'Unexpected EOS while waiting for message header to complete' });
  });

  test('stream failure at token k returns the first k steps and the error', () => {
    const r = handleRequest({ op: 'stream', tokens: [200006, 173781, 200008, 24912, 200007, 24912], role: null, strict: true });
    expect(r).toEqual({
      steps: expect.any(Array),
      error: 'Unexpected token 24912 while expecting start token 200006',
    });
    expect((r.steps as unknown[]).length).toBe(5);
  });

  test('encode / decode', () => {
    expect(handleRequest({ op: 'encode', text: 'hello world' })).toEqual({ tokens: [24912, 2375] });
    expect(handleRequest({ op: 'encode', text: '<|start|>' })).toEqual({ tokens: [27, 91, 5236, 91, 29] });
    expect(handleRequest({ op: 'decode', tokens: [24912, 2375] })).toEqual({ text: 'hello world' });
    expect(handleRequest({ op: 'decode', tokens: [200018, 201088] })).toEqual({ text: '<|reserved_200018|><|reserved_201088|>' });
    expect(handleRequest({ op: 'decode', tokens: [99999999] }).error).toMatch(/Invalid token for decoding: 99999999/);
    expect(handleRequest({ op: 'decode', tokens: [132990, 9552] }).error).toMatch(/Invalid utf-8/);
  });

  test('bad requests are errors, not crashes', () => {
    expect(handleLine('{not json')).toMatch(/^\{"error":"invalid JSON/);
    expect(handleLine('   ')).toBeNull();
    expect(handleRequest({ op: 'nope' }).error).toMatch(/unknown op/);
    expect(handleRequest({ op: 'render', messages: [{ role: 'robot', content: 'x' }] }).error).toMatch(/messages\[0\]\.role/);
    expect(handleRequest({ op: 'parse', tokens: ['x'] }).error).toMatch(/tokens/);
    expect(handleRequest([1, 2]).error).toMatch(/object/);
  });
});

describe('CLI process (npm run --silent harmony)', () => {
  test('answers in order, one line each, survives errors, exits on EOF', async () => {
    const child = spawn('npm', ['run', '--silent', 'harmony'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    const it = lines[Symbol.asyncIterator]();
    const next = async () => JSON.parse(((await it.next()).value as string) ?? 'null') as Record<string, unknown>;

    child.stdin!.write(JSON.stringify({ op: 'encode', text: 'hello world' }) + '\n');
    expect(await next()).toEqual({ tokens: [24912, 2375] });

    child.stdin!.write('garbage\n' + JSON.stringify({ op: 'decode', tokens: [24912] }) + '\n');
    expect((await next()).error).toMatch(/invalid JSON/);
    expect(await next()).toEqual({ text: 'hello' });

    const N = 2000;
    let burst = '';
    for (let i = 0; i < N; i++) burst += JSON.stringify({ op: 'encode', text: `n${i}` }) + '\n';
    child.stdin!.write(burst);
    for (let i = 0; i < N; i++) {
      const r = await next();
      const expected = handleRequest({ op: 'encode', text: `n${i}` });
      expect(r).toEqual(expected);
    }
    child.stdin!.end();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0); // stdin closed -> clean exit; timing figures come from bench:harmony, not tests
  }, 60_000);
});
