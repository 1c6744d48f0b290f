import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatRate, prettyJson, tokensPerSecond } from './format';

describe('format', () => {
  it('sizes in decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(33_598_182)).toBe('33.6 MB');
    expect(formatBytes(12_624_046_638)).toBe('12.6 GB');
    expect(formatBytes(604_000_000)).toBe('604 MB');
  });
  it('durations', () => {
    expect(formatMs(3.4)).toBe('3 ms');
    expect(formatMs(1_234)).toBe('1.2 s');
    expect(formatMs(14_400)).toBe('14 s');
  });
  it('rates, undefined without data', () => {
    expect(tokensPerSecond(50, 500)).toBe(100);
    expect(tokensPerSecond(0, 500)).toBeUndefined();
    expect(tokensPerSecond(5, 0)).toBeUndefined();
    expect(formatRate(38.25)).toBe('38.3 tok/s');
    expect(formatRate(1916.3)).toBe('1916 tok/s');
  });
  it('pretty-prints JSON and leaves anything else as generated', () => {
    expect(prettyJson('{"expression":"17 * 23"}')).toBe('{\n  "expression": "17 * 23"\n}');
    expect(prettyJson('{"expression":"17 *')).toBe('{"expression":"17 *');
    expect(prettyJson('17 * 23')).toBe('17 * 23');
  });
});
