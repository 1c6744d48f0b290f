// Export and import (issue 9 §3): the file format, the round trip, and every way a file is refused.
import { describe, expect, test, vi } from 'vitest';
import { MemoryRepository } from '../../storage/memory-repository';
import { importIntoRepository } from '../../storage/import-into';
import { recoverInterrupted } from '../interrupted';
import { randomConversation, sampleConversation, text, turnOf } from '../testing/conversations';
import type { AssistantNode, Conversation } from '../types';
import { exportFileName, exportJson } from './export-json';
import { exportHarmonyText } from './export-text';
import { MAX_IMPORT_BYTES } from './format';
import { ImportError } from './import-error';
import { parseExportJson, parseExportText, planImport, readExportFile } from './import-json';

const refusal = (fn: () => unknown): ImportError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('the file was accepted');
};
/** Export, let `edit` damage the parsed file, and try to import it. */
const damaged = (edit: (file: any) => void, c: Conversation = sampleConversation()): ImportError => {
  const file = JSON.parse(exportJson([c]));
  edit(file);
  return refusal(() => parseExportJson(JSON.stringify(file)));
};

describe('export', () => {
  test('the file: envelope, active path as openai-harmony messages, the whole tree', () => {
    const file = JSON.parse(exportJson([sampleConversation()]));
    expect(file).toEqual({
      format: 'overtone.conversations',
      version: 1,
      conversations: [
        {
          id: 'c1',
          title: 'Arithmetic',
          createdAt: 1_700_000_000_000,
          updatedAt: 1_700_000_001_000,
          messages: [
            { role: 'user', content: [{ type: 'text', text: 'What is 17 * 23?' }] },
            { role: 'assistant', content: [{ type: 'text', text: 'Multiply.' }], channel: 'analysis' },
            { role: 'assistant', content: [{ type: 'text', text: '391' }], channel: 'final' },
          ],
          tree: {
            root: { children: ['u1'], activeChild: 0 },
            nodes: [
              { id: 'u1', parentId: 'root', role: 'user', createdAt: 1_700_000_000_000, text: 'What is 17 * 23?', children: ['a1'], activeChild: 0 },
              {
                id: 'a1', parentId: 'u1', role: 'assistant', createdAt: 1_700_000_000_400, children: [], activeChild: 0,
                turn: {
                  modelId: 'overtone-tiny-demo', effort: 'low', status: 'done', stopReason: 'stop',
                  messages: [
                    { role: 'assistant', content: [{ type: 'text', text: 'Multiply.' }], channel: 'analysis' },
                    { role: 'assistant', content: [{ type: 'text', text: '391' }], channel: 'final' },
                  ],
                  tools: [], warnings: [],
                  stats: { prefillTokens: 40, prefillMs: 12.5, decodeTokens: 9, decodeMs: 30, reusedTokens: 0, analysisTokens: 3, finalTokens: 6, rounds: 1 },
                  startedAt: 1_700_000_000_500, endedAt: 1_700_000_001_000,
                },
              },
            ],
          },
        },
      ],
    });
  });

  test('a reply still streaming is exported as interrupted, its text kept', () => {
    const c = sampleConversation();
    const a1 = c.nodes.a1 as AssistantNode;
    a1.turn = { ...a1.turn, status: 'streaming', messages: [], streaming: { channel: 'analysis', text: 'Multi' } };
    const [back] = parseExportJson(exportJson([c]));
    const turn = (back!.nodes.a1 as AssistantNode).turn;
    expect(turn.status).toBe('interrupted');
    expect(turn.messages).toEqual([text('assistant', 'Multi', { channel: 'analysis' })]);
  });

  test('file names', () => {
    expect(exportFileName([sampleConversation('x', 'Trip: <Paris> 2024!')], 'json')).toBe('Trip-Paris-2024.overtone.json');
    expect(exportFileName([sampleConversation(), sampleConversation('c2')], 'txt')).toBe('conversations.overtone.txt');
    expect(exportFileName([sampleConversation('x', '../..')], 'json')).toBe('conversations.overtone.json');
  });

  test('rendered Harmony text of the active branch, with a system prefix', () => {
    const sys = { author: { role: 'system' as const }, content: [{ type: 'text' as const, text: 'Be brief.' }] };
    expect(exportHarmonyText(sampleConversation(), { prefix: [sys] })).toBe(
      '<|start|>system<|message|>Be brief.<|end|>' +
        '<|start|>user<|message|>What is 17 * 23?<|end|>' +
        '<|start|>assistant<|channel|>analysis<|message|>Multiply.<|end|>' +
        '<|start|>assistant<|channel|>final<|message|>391<|end|>',
    );
    expect(exportHarmonyText(sampleConversation(), { dropAnalysis: true })).not.toContain('Multiply.');
  });
});

describe('round trip', () => {
  test('export -> import -> export is byte-identical, and import gives back the conversation (300 seeded trees)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const c = randomConversation(seed);
      const first = exportJson([c]);
      const imported = parseExportJson(first);
      expect(imported).toEqual([recoverInterrupted(c)]);
      expect(exportJson(imported)).toBe(first);
    }
  });

  test('several conversations in one file', () => {
    const all = [randomConversation(1001), randomConversation(1002), sampleConversation()];
    const first = exportJson(all);
    expect(exportJson(parseExportText(first))).toBe(first);
  });

  test('HTML, script and javascript: payloads survive as plain text everywhere', () => {
    const payloads = ['<script>alert("t")</script>', '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))', '</textarea><svg onload=alert(1)>'];
    const [p0, p1, p2, p3] = payloads as [string, string, string, string];
    const c = sampleConversation('x', p0);
    (c.nodes.u1 as { text: string }).text = p1;
    (c.nodes.a1 as AssistantNode).turn = turnOf(
      [
        text('assistant', p2, { channel: 'analysis' }),
        text('assistant', JSON.stringify({ expression: p3 }), { channel: 'commentary', recipient: 'functions.calculator', contentType: '<|constrain|>json' }),
        { author: { role: 'tool', name: 'functions.calculator' }, recipient: 'assistant', channel: 'commentary', content: [{ type: 'text', text: p0 }] },
        text('assistant', p1 + p2, { channel: 'final' }),
      ],
      { tools: [{ callIndex: 1, recipient: 'functions.calculator', tool: 'calculator', argsText: p3, status: 'ok', output: p0, startedAt: 1 }] },
    );
    const file = exportJson([c]);
    for (const p of payloads) expect(file).toContain(JSON.stringify(p).slice(1, -1));
    const [back] = parseExportJson(file);
    expect(back).toEqual(c);
    expect(exportHarmonyText(back!)).toContain(p0);
  });
});

describe('import refuses bad files and changes nothing', () => {
  test('a truncated file', () => {
    const whole = exportJson([randomConversation(7)]);
    const e = refusal(() => parseExportText(whole.slice(0, Math.floor(whole.length / 2))));
    expect(e.message).toMatch(/not valid JSON \(is it cut off\?\)/);
    expect(e.code).toBe('import-invalid');
    expect(e.fix).toMatch(/nothing was imported/);
  });

  test('unknown roles, named by their place in the file', () => {
    expect(damaged((f) => (f.conversations[0].tree.nodes[1].turn.messages[1].role = 'wizard')).message).toBe(
      'conversations[0].tree.nodes[1].turn.messages[1].role: unknown role "wizard"',
    );
    expect(damaged((f) => (f.conversations[0].messages[0].role = 'narrator')).message).toMatch(/conversations\[0\]\.messages\[0\]\.role: unknown role "narrator"/);
    expect(damaged((f) => (f.conversations[0].tree.nodes[0].role = 'system')).message).toMatch(/nodes\[0\]\.role: unknown value "system"/);
    // A valid Harmony role in the wrong place is refused too.
    expect(damaged((f) => (f.conversations[0].tree.nodes[1].turn.messages[0].role = 'user')).message).toMatch(/a reply holds assistant and tool messages/);
  });

  test('a 50 MB file is refused by its size, before it is read', async () => {
    const read = vi.fn(async () => '');
    const huge = { size: 50 * 1024 * 1024, text: read } as unknown as Blob;
    await expect(readExportFile(huge)).rejects.toThrow('The file is 50.0 MB; Overtone imports files up to 20.0 MB.');
    expect(read).not.toHaveBeenCalled();
    const t0 = performance.now();
    const e = refusal(() => parseExportText('x'.repeat(50 * 1024 * 1024)));
    expect(e.message).toMatch(/up to 20\.0 MB/);
    console.log(`50 MB string refused in ${(performance.now() - t0).toFixed(2)} ms`);
    // Multi-byte text is measured in UTF-8 bytes: 8 M four-byte characters are 32 MB.
    expect(refusal(() => parseExportText('😊'.repeat(8 * 1024 * 1024))).message).toMatch(/32\.0 MB/);
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
  });

  test('a real 50 MB Blob (a valid export, just too large) is refused', async () => {
    const big = new Blob([exportJson([sampleConversation()]).replace('Arithmetic', 'a'.repeat(50 * 1024 * 1024))]);
    await expect(readExportFile(big)).rejects.toThrow(/50\.0 MB/);
  });

  test('not an Overtone export, a newer format, duplicate conversations', () => {
    expect(refusal(() => parseExportJson('{"messages": []}')).message).toMatch(/not an Overtone export/);
    expect(refusal(() => parseExportJson('[1,2]')).message).toMatch(/not an Overtone export/);
    const newer = refusal(() => parseExportJson('{"format":"overtone.conversations","version":2,"conversations":[]}'));
    expect(newer.message).toMatch(/newer Overtone \(export format 2\)/);
    expect(newer.fix).toMatch(/Update Overtone/);
    const twice = exportJson([sampleConversation(), sampleConversation()]);
    expect(refusal(() => parseExportJson(twice)).message).toMatch(/conversations\[1\]\.id: conversation c1 appears twice/);
  });

  test('damaged fields and trees', () => {
    const cases: [(f: any) => void, RegExp][] = [
      [(f) => delete f.conversations[0].title, /conversations\[0\]\.title: missing/],
      [(f) => (f.conversations[0].tree.nodes[1].turn.stats.decodeMs = 'fast'), /turn\.stats\.decodeMs: expected a number/],
      [(f) => (f.conversations[0].tree.nodes[1].turn.status = 'streaming'), /turn\.status: unknown value "streaming"/],
      [(f) => (f.conversations[0].tree.nodes[1].turn.error = { code: 'pwned', message: '', fix: '' }), /turn\.error\.code: unknown value "pwned"/],
      [(f) => (f.conversations[0].tree.nodes[1].turn.promptIds = [1, -2]), /promptIds\[1\]: expected a whole number from 0 to 201088/],
      [(f) => (f.conversations[0].tree.nodes[1].turn.messages[0].content = [{ type: 'system_content' }]), /a reply's messages hold text only/],
      [(f) => (f.conversations[0].tree.nodes[0].id = '__proto__'), /nodes\[0\]\.id: not a valid id/],
      [(f) => (f.conversations[0].tree.nodes[0].activeChild = 3), /activeChild: is 3 but there are 1 children/],
      [(f) => (f.conversations[0].tree.nodes[1].parentId = 'root'), /node a1 names parent root but is listed under u1/],
      [(f) => (f.conversations[0].tree.nodes[0].children = ['a1', 'a1']), /node a1 is listed as a child twice/],
      [
        (f) => {
          const [u1, a1] = f.conversations[0].tree.nodes;
          f.conversations[0].tree.root.children = ['a1'];
          a1.parentId = 'root';
          u1.children = [];
        },
        /node a1 is an assistant message under a conversation start \(expected user\)/,
      ],
      [(f) => (f.conversations[0].tree.nodes[0].children = ['ghost']), /lists a child ghost that is not in the file/],
      [(f) => f.conversations[0].tree.nodes.push({ ...f.conversations[0].tree.nodes[0], id: 'u2', children: [] }), /node u2 cannot be reached/],
      [(f) => (f.conversations[0].messages[2].content[0].text = '392'), /messages\[2\]: does not match the conversation's active branch/],
      [(f) => f.conversations[0].messages.pop(), /messages\[2\]: does not match/],
    ];
    for (const [edit, expected] of cases) expect(damaged(edit).message).toMatch(expected);
  });

  test('into storage: a bad file changes nothing; a good one lands whole with fresh ids where taken', async () => {
    const repo = new MemoryRepository();
    await repo.put(sampleConversation('c1', 'Mine'));
    await repo.put(sampleConversation('gone', 'Deleted but restorable'));
    await repo.remove('gone', 5);
    const before = await repo.all();
    const good = randomConversation(3);
    const bad = exportJson([good, sampleConversation('c9')]).replace('"c9"', '"c9!"');
    await expect(importIntoRepository(repo, new Blob([bad]), () => 'x')).rejects.toBeInstanceOf(ImportError);
    expect(await repo.all()).toEqual(before);

    let n = 0;
    const stored = await importIntoRepository(repo, new Blob([exportJson([sampleConversation('c1'), sampleConversation('gone'), good])]), () => `fresh${n++}`);
    expect(stored.map((c) => c.id)).toEqual(['fresh0', 'fresh1', good.id]);
    expect((await repo.get('c1'))!.title).toBe('Mine');
    expect(await repo.restore('gone')).toBe(true);
    expect((await repo.get('fresh1'))!.title).toBe('Arithmetic');
  });

  test('planImport never reuses an id', () => {
    const offered = ['b', 'a', 'c'];
    expect(planImport([sampleConversation('a'), sampleConversation('z')], new Set(['a', 'b']), () => offered.shift()!).map((c) => c.id)).toEqual(['c', 'z']);
  });
});
