import { describe, expect, test } from 'vitest';
import { BUILTIN_TOOLS } from './registry';
import { runToolCall } from './run';
import { ToolError } from './tool-error';
import { DENIED_TOOL_OUTPUT } from './user/approval';
import { UserToolError } from './user/errors';
import type { ToolDefinition } from './types';

const NOW = () => new Date('2026-01-15T12:05:00Z');
const run = (recipient: string, args: string, tools: readonly ToolDefinition[] = BUILTIN_TOOLS, signal?: AbortSignal) =>
  runToolCall(recipient, args, { tools, now: NOW, ...(signal ? { signal } : {}) });

const slow: ToolDefinition = {
  description: { name: 'slow', description: 'Never answers in time.', parameters: { type: 'object', properties: {} } },
  title: 'Slow',
  timeoutMs: 30,
  run: (_args, ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))),
};
const throwing = (e: unknown): ToolDefinition => ({ ...slow, description: { ...slow.description, name: 'boom' }, timeoutMs: 1000, run: () => { throw e; } });

describe('runToolCall', () => {
  test('runs a valid call', async () => {
    expect(await run('functions.calculator', '{"expression":"17 * 23"}')).toMatchObject({ output: '391' });
    expect((await run('functions.calculator', '{"expression":"17 * 23"}')).error).toBeUndefined();
    expect(await run('functions.get_current_time', '{"timezone":"Asia/Tokyo"}')).toMatchObject({ output: '{"time":"21:05","timezone":"Asia/Tokyo"}' });
    expect((await run('functions.get_current_time', '{}')).output).toMatch(/^\{"time":"\d\d:\d\d"\}$/);
    expect((await run('functions.get_current_time', '')).output).toMatch(/^\{"time":"\d\d:\d\d"\}$/);
  });

  test('bad JSON arguments', async () => {
    const r = await run('functions.calculator', '{"expression": 17 * 23}');
    expect(r.error?.code).toBe('tool-args');
    expect(r.error?.message).toContain('not valid JSON');
    expect(JSON.parse(r.output).error).toContain('not valid JSON');
    expect(r.error?.fix.length).toBeGreaterThan(10);
  });

  test('schema violations name the problem', async () => {
    const wrongType = await run('functions.calculator', '{"expression": 391}');
    expect(wrongType.error?.code).toBe('tool-args');
    expect(wrongType.output).toContain('expression: Instance type \\"number\\" is invalid. Expected \\"string\\"');
    const missing = await run('functions.calculator', '{"expr": "1 + 1"}');
    expect(missing.error?.message).toContain('does not have required property "expression"');
    const notObject = await run('functions.calculator', '"17 * 23"');
    expect(notObject.error?.code).toBe('tool-args');
    const tz = await run('functions.get_current_time', '{"timezone": 9}');
    expect(tz.error?.code).toBe('tool-args');
  });

  test('unknown tools and other namespaces', async () => {
    const r = await run('functions.weather', '{}');
    expect(r.error?.code).toBe('tool-unknown');
    expect(JSON.parse(r.output).error).toBe('There is no tool functions.weather. Available tools: functions.calculator, functions.get_current_time.');
    expect((await run('browser.search', '{}')).error?.code).toBe('tool-unknown');
    // A registry tool the model was not offered is unknown too.
    expect((await run('functions.calculator', '{"expression":"1"}', [BUILTIN_TOOLS[1]!])).error?.code).toBe('tool-unknown');
  });

  test('a tool that throws: its ToolError message, or a crash', async () => {
    const div = await run('functions.calculator', '{"expression":"1 / 0"}');
    expect(div.error).toMatchObject({ code: 'tool-failed', message: 'Division by zero in "1 / 0".' });
    expect(JSON.parse(div.output)).toEqual({ error: 'Division by zero in "1 / 0".' });
    expect((await run('functions.boom', '{}', [throwing(new ToolError('no such thing'))])).error?.message).toBe('no such thing');
    expect((await run('functions.boom', '{}', [throwing(new TypeError('x is undefined'))])).error?.message).toBe('boom crashed: x is undefined');
  });

  test('a typed tool error (a user tool denied by the person) keeps its code, message and fix', async () => {
    const denied = new UserToolError('tool-denied', DENIED_TOOL_OUTPUT, 'Allow it next time.');
    const r = await run('functions.boom', '{}', [throwing(denied)]);
    expect(r.error).toEqual({ code: 'tool-denied', message: DENIED_TOOL_OUTPUT, fix: 'Allow it next time.' });
    expect(JSON.parse(r.output)).toEqual({ error: DENIED_TOOL_OUTPUT });
  });

  test('a timeout aborts the tool and tells the model', async () => {
    let aborted = false;
    const tool: ToolDefinition = { ...slow, run: (_a, ctx) => new Promise(() => ctx.signal.addEventListener('abort', () => (aborted = true))) };
    const r = await run('functions.slow', '{}', [tool]);
    expect(r.error?.code).toBe('tool-timeout');
    expect(JSON.parse(r.output).error).toBe('slow did not finish within 30 ms and was stopped.');
    expect(r.ms).toBeGreaterThanOrEqual(25);
    expect(aborted).toBe(true);
  });

  test("the user's stop ends a running tool", async () => {
    const stop = new AbortController();
    const pending = run('functions.slow', '{}', [{ ...slow, timeoutMs: 10_000 }], stop.signal);
    stop.abort();
    expect((await pending).error).toMatchObject({ code: 'tool-failed', message: 'slow was stopped by the user before it finished.' });
  });
});
