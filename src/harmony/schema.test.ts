// Every worked example of HARMONY-SPEC §5.5 (inputs and expected text copied from the spec into
// fixtures/schema-examples.json), rendered through the developer message's tools section.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderToolsSection } from './render';
import { schemaToTypeScript } from './schema';
import type { JsonSchema, ToolNamespaceConfig } from './types';

interface Example { id: string; title: string; expected: string; parameters?: JsonSchema | null }
const examples = JSON.parse(readFileSync(new URL('./fixtures/schema-examples.json', import.meta.url), 'utf8')) as Example[];
const FRAME_START = '# Tools\n\n## functions\n\nnamespace functions {\n\n';
const FRAME_END = '\n\n} // namespace functions';

const functions = (tools: ToolNamespaceConfig['tools']): Record<string, ToolNamespaceConfig> => ({ functions: { name: 'functions', tools } });

describe('§5.5 tool blocks', () => {
  test.each(examples.filter((e) => 'parameters' in e || e.id === '5.5.1'))('$id $title', (e) => {
    const tool = e.id === '5.5.1'
      ? { name: 'f', description: 'No-arg tool.' }
      : { name: 'f', description: 'Example.', parameters: e.parameters! };
    expect(renderToolsSection(functions([tool]))).toBe(FRAME_START + e.expected + FRAME_END);
  });

  test('5.5.16 multi-line tool description', () => {
    const e = examples.find((x) => x.id === '5.5.16')!;
    expect(renderToolsSection(functions([{ name: 'g', description: 'First line\n\nThird line\n' }]))).toBe(e.expected);
  });

  test('5.5.17 custom namespace with a description, tool with an empty description', () => {
    const e = examples.find((x) => x.id === '5.5.17')!;
    const ns = { myns: { name: 'myns', description: 'Namespace docs\nsecond', tools: [{ name: 't', description: '', parameters: { type: 'object' } }] } };
    expect(renderToolsSection(ns)).toBe(e.expected);
  });

  test('5.5.18 namespaces sort by name; empty namespaces', () => {
    const e = examples.find((x) => x.id === '5.5.18')!;
    const tools: Record<string, ToolNamespaceConfig> = {
      python: { name: 'python', description: 'Py', tools: [] },
      functions: { name: 'functions', tools: [{ name: 'x', description: 'X' }] },
      browser: { name: 'browser', tools: [] },
    };
    expect(renderToolsSection(tools)).toBe(e.expected);
  });
});

describe('schemaToTypeScript details', () => {
  test('defaults print in compact JSON, strings quoted unless the schema has an enum', () => {
    expect(schemaToTypeScript({ type: 'object', properties: { o: { type: 'object', default: { a: [1, 'x'] } } } })).toBe('{\no?: {\n    }, // default: {"a":[1,"x"]}\n}');
  });
  test('a non-array oneOf takes the normal form without description or default', () => {
    expect(schemaToTypeScript({ type: 'object', properties: { p: { type: 'string', oneOf: 3, description: 'd', default: 'x' } } })).toBe('{\np?: string,\n}');
  });
  test('non-object input is any', () => {
    expect(schemaToTypeScript(null)).toBe('any');
    expect(schemaToTypeScript({ type: [] })).toBe('any');
  });
});
