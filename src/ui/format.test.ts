import { describe, expect, it } from 'vitest';
import { formatBytes, formatEta, formatMs, formatRate, formatSpeed, prettyJson, tokensPerSecond } from './format';

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
  it('download speed and time left', () => {
    expect(formatSpeed(14_234_567.8)).toBe('14.2 MB/s');
    expect(formatEta(0.2)).toBe('1 s');
    expect(formatEta(44.1)).toBe('45 s');
    expect(formatEta(779)).toBe('13 min');
    expect(formatEta(3_900)).toBe('1 h 5 min');
  });
  it('pretty-prints JSON and leaves anything else as generated', () => {
    expect(prettyJson('{"expression":"17 * 23"}')).toBe('{\n  "expression": "17 * 23"\n}');
    expect(prettyJson('{"expression":"17 *')).toBe('{"expression":"17 *');
    expect(prettyJson('17 * 23')).toBe('17 * 23');
  });
});
