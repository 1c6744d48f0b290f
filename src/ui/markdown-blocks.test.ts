import { describe, expect, test } from 'vitest';
import { splitMarkdownBlocks } from './markdown-blocks';

describe('splitMarkdownBlocks', () => {
  test('paragraphs, headings and lists become blocks; the text is kept whole', () => {
    const text = '# Title\n\nA paragraph\nstill it.\n\n- a\n- b\n\nEnd';
    expect(splitMarkdownBlocks(text)).toEqual(['# Title', 'A paragraph\nstill it.', '- a\n- b', 'End']);
  });

  test('blank lines inside a code fence (and an unclosed one while streaming) do not split', () => {
    expect(splitMarkdownBlocks('```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter')).toEqual(['```ts\nconst a = 1;\n\nconst b = 2;\n```', 'After']);
    expect(splitMarkdownBlocks('Intro\n\n~~~\nopen\n\nstill open')).toEqual(['Intro', '~~~\nopen\n\nstill open']);
    expect(splitMarkdownBlocks('````\n```\n\n````\n\nx')).toEqual(['````\n```\n\n````', 'x']);
  });

  test('indented continuations stay with their block; trailing blank lines stay at the end', () => {
    expect(splitMarkdownBlocks('1. one\n\n   more of one\n2. two\n\nNext')).toEqual(['1. one\n\n   more of one\n2. two', 'Next']);
    expect(splitMarkdownBlocks('Streaming\n\n')).toEqual(['Streaming\n\n']);
    expect(splitMarkdownBlocks('')).toEqual(['']);
  });
});
