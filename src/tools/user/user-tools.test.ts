// User-defined tools without a browser: definition checks, approval decisions, the prompts the card shows,
// the registry entry (args, approval, code or ask-me), and the developer message the model reads.
import { describe, expect, test, vi } from 'vitest';
import { developerMessage, newDeveloperContent } from '../../harmony/builders';
import { decodeUtf8 } from '../../harmony/encoding';
import { renderMessage } from '../../harmony/render';
import { userToolDescription, userToolEntries, userToolEntry, PERSON_WAIT_MS } from './adapter';
import { decideApproval, DENIED_TOOL_OUTPUT, needsApproval } from './approval';
import { UserToolError } from './errors';
import { ToolPrompts } from './prompts';
import type { SandboxOptions } from './sandbox';
import type { UserTool } from './types';
import { definitionProblems } from './validate-definition';

const glossary = (fields: Partial<UserTool> = {}): UserTool => ({
  id: 't1',
  name: 'lookup_word',
  description: 'Looks up a word in my glossary.\nReturns the definitions.',
  parameters: {
    type: 'object',
    properties: {
      word: { type: 'string', description: 'The word to look up' },
      max_senses: { type: 'integer', description: 'How many senses to return', default: 3 },
      style: { type: 'string', enum: ['short', 'long'] },
    },
    required: ['word'],
  },
  implementation: { kind: 'code', code: 'return args.word.toUpperCase();' },
  approval: 'auto',
  timeoutMs: 2000,
  enabled: true,
  ...fields,
});

const signal = () => new AbortController().signal;
const rejection = async (p: Promise<unknown>): Promise<UserToolError> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(UserToolError);
  return e as UserToolError;
};

describe('the developer message shows a user tool exactly as Harmony renders function tools', () => {
  test('rendered text', () => {
    const dev = developerMessage(newDeveloperContent({ instructions: 'Be brief.', functionTools: [userToolDescription(glossary())] }));
    expect(decodeUtf8(renderMessage(dev))).toBe(
      `<|start|>developer<|message|># Instructions

Be brief.

# Tools

## functions

namespace functions {

// Looks up a word in my glossary.
// Returns the definitions.
type lookup_word = (_: {
// The word to look up
word: string,
// How many senses to return
max_senses?: number, // default: 3
style?: "short" | "long",
}) => any;

} // namespace functions<|end|>`,
    );
  });
});

describe('definition checks', () => {
  test('a sound tool has no problems', () => {
    expect(definitionProblems(glossary(), ['calculator'])).toEqual([]);
  });
  test('each field is checked', () => {
    const fields = (t: Partial<UserTool>, taken: string[] = []) => definitionProblems(glossary(t), taken).map((p) => p.field);
    expect(fields({ name: 'look up' })).toEqual(['name']);
    expect(fields({ name: '9lives' })).toEqual(['name']);
    expect(fields({ name: 'calculator' }, ['calculator'])).toEqual(['name']);
    expect(fields({ description: '  ' })).toEqual(['description']);
    expect(fields({ parameters: { type: 'string' } })).toEqual(['parameters']);
    expect(fields({ parameters: { type: 'object', properties: [] } })).toEqual(['parameters']);
    expect(fields({ parameters: { type: 'object', properties: { a: { $ref: '#/nowhere' } } } })).toEqual([]); // compiles; fails only on use
    expect(fields({ implementation: { kind: 'code', code: ' ' } })).toEqual(['code']);
    expect(fields({ implementation: { kind: 'ask' } })).toEqual([]);
    expect(fields({ timeoutMs: 10 })).toEqual(['timeoutMs']);
    expect(fields({ timeoutMs: 600_000 })).toEqual(['timeoutMs']);
  });
});

describe('approval', () => {
  test('pure decisions', () => {
    expect(needsApproval('auto')).toBe(false);
    expect(needsApproval('ask')).toBe(true);
    expect(decideApproval('ask', 'allow-once')).toEqual({ run: true, mode: 'ask' });
    expect(decideApproval('ask', 'always')).toEqual({ run: true, mode: 'auto' });
    expect(decideApproval('ask', 'deny')).toEqual({ run: false, mode: 'ask' });
  });
});

describe('prompts as data', () => {
  test('ask shows a pending prompt; reply resolves it and removes it', async () => {
    const prompts = new ToolPrompts(() => 77);
    const seen: number[] = [];
    prompts.subscribe((p) => seen.push(p.length));
    const answer = prompts.ask('approval', 'lookup_word', '{"word":"x"}');
    expect(prompts.pending).toEqual([{ id: 'prompt-1', kind: 'approval', tool: 'lookup_word', argsText: '{"word":"x"}', createdAt: 77 }]);
    expect(prompts.reply('prompt-1', 'deny')).toBe(true);
    expect(await answer).toBe('deny');
    expect(prompts.pending).toEqual([]);
    expect(prompts.reply('prompt-1', 'deny')).toBe(false);
    expect(seen).toEqual([1, 0]);
  });
  test('a stopped turn cancels its question', async () => {
    const prompts = new ToolPrompts();
    const ac = new AbortController();
    const answer = prompts.ask('answer', 'x', '{}', ac.signal);
    ac.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(prompts.pending).toEqual([]);
  });
});

describe('registry entry', () => {
  const sandbox = vi.fn(async (code: string, args: unknown, _o: SandboxOptions) => `ran ${code.length} chars with ${JSON.stringify(args)}`);

  test('shape: description, title, timeout', () => {
    const e = userToolEntry(glossary(), { prompts: new ToolPrompts(), sandbox });
    expect(e.description).toEqual({ name: 'lookup_word', description: glossary().description, parameters: glossary().parameters });
    expect(e.title).toBe('lookup_word');
    expect(e.timeoutMs).toBe(2000);
    expect(userToolEntry(glossary({ approval: 'ask' }), { prompts: new ToolPrompts() }).timeoutMs).toBe(2000 + PERSON_WAIT_MS);
  });

  test('auto: arguments are checked, then the code runs in the sandbox with the tool timeout', async () => {
    sandbox.mockClear();
    const e = userToolEntry(glossary(), { prompts: new ToolPrompts(), sandbox });
    const bad = await rejection(e.run({ max_senses: 'many' }, { signal: signal() }));
    expect(bad.code).toBe('tool-args');
    expect(bad.message).toMatch(/^Invalid arguments for lookup_word: /);
    expect(bad.message).toMatch(/word/);
    expect(sandbox).not.toHaveBeenCalled();
    expect(await e.run({ word: 'harmony' }, { signal: signal() })).toBe('ran 31 chars with {"word":"harmony"}');
    expect(sandbox.mock.calls[0]![2].timeoutMs).toBe(2000);
  });

  test('ask before each call: Deny gives the model the denial text and runs nothing', async () => {
    sandbox.mockClear();
    const prompts = new ToolPrompts();
    const e = userToolEntry(glossary({ approval: 'ask' }), { prompts, sandbox });
    const run = e.run({ word: 'a' }, { signal: signal() });
    await Promise.resolve();
    expect(prompts.pending.map((p) => [p.kind, p.tool, p.argsText])).toEqual([['approval', 'lookup_word', '{\n  "word": "a"\n}']]);
    prompts.reply(prompts.pending[0]!.id, 'deny');
    const denied = await rejection(run);
    expect(denied.code).toBe('tool-denied');
    expect(denied.message).toBe(DENIED_TOOL_OUTPUT);
    expect(sandbox).not.toHaveBeenCalled();
  });

  test('Allow once asks again next time; Always stops asking and is reported', async () => {
    const prompts = new ToolPrompts();
    const changes: [string, string][] = [];
    const e = userToolEntry(glossary({ approval: 'ask' }), { prompts, sandbox, onApprovalChange: (id, mode) => changes.push([id, mode]) });
    const answerNext = (a: 'allow-once' | 'always') => queueMicrotask(() => prompts.reply(prompts.pending[0]!.id, a));
    answerNext('allow-once');
    await e.run({ word: 'a' }, { signal: signal() });
    answerNext('always');
    await e.run({ word: 'b' }, { signal: signal() });
    expect(changes).toEqual([['t1', 'auto']]);
    await e.run({ word: 'c' }, { signal: signal() }); // no prompt: would hang if it asked
    expect(prompts.pending).toEqual([]);
  });

  test('ask-me: the person’s answer is the result; declining is a denial', async () => {
    const prompts = new ToolPrompts();
    const e = userToolEntry(glossary({ implementation: { kind: 'ask' } }), { prompts, sandbox });
    const run = e.run({ word: 'a' }, { signal: signal() });
    await Promise.resolve();
    expect(prompts.pending[0]!.kind).toBe('answer');
    prompts.reply(prompts.pending[0]!.id, { kind: 'result', text: 'an article' });
    expect(await run).toBe('an article');
    const again = e.run({ word: 'b' }, { signal: signal() });
    await Promise.resolve();
    prompts.reply(prompts.pending[0]!.id, { kind: 'decline' });
    expect((await rejection(again)).code).toBe('tool-denied');
  });

  test('entries: enabled, sound tools only; built-in names win', () => {
    const deps = { prompts: new ToolPrompts(), sandbox };
    const tools = [glossary(), glossary({ id: 't2', name: 'calculator' }), glossary({ id: 't3', name: 'off', enabled: false }), glossary({ id: 't4' })];
    expect(userToolEntries(tools, ['calculator', 'get_current_time'], deps).map((e) => e.description.name)).toEqual(['lookup_word']);
  });
});
