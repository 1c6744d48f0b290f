import { describe, expect, test } from 'vitest';
import { clockTime, currentTime, currentTimeTool } from './current-time';
import { GET_CURRENT_TIME_TOOL } from './demo-tools';
import { ToolError } from './tool-error';

const NOON_UTC = new Date('2026-01-15T12:05:00Z');

describe('get_current_time', () => {
  test('HH:MM in IANA zones, 24-hour, through Intl', () => {
    expect(clockTime(NOON_UTC, 'UTC')).toBe('12:05');
    expect(clockTime(NOON_UTC, 'Asia/Tokyo')).toBe('21:05');
    expect(clockTime(NOON_UTC, 'America/New_York')).toBe('07:05');
    expect(clockTime(new Date('2026-01-15T23:59:00Z'), 'Europe/Paris')).toBe('00:59');
    expect(clockTime(new Date('2026-07-15T12:05:00Z'), 'Europe/Paris')).toBe('14:05');
  });

  test('output has the shape the demo model was trained to read', () => {
    // scripts/demo-model/conversations.ts: JSON.stringify(withCity ? { time, timezone: zone } : { time })
    expect(currentTime(NOON_UTC, 'Asia/Tokyo')).toBe('{"time":"21:05","timezone":"Asia/Tokyo"}');
    expect(currentTime(NOON_UTC)).toMatch(/^\{"time":"\d\d:\d\d"\}$/);
    expect(currentTimeTool.run({ timezone: 'Europe/London' }, { signal: new AbortController().signal, now: () => NOON_UTC })).toBe('{"time":"12:05","timezone":"Europe/London"}');
  });

  test('an unknown zone is a clear ToolError', () => {
    expect(() => clockTime(NOON_UTC, 'Mars/Olympus_Mons')).toThrow(ToolError);
    expect(() => clockTime(NOON_UTC, 'Mars/Olympus_Mons')).toThrow('Unknown time zone "Mars/Olympus_Mons"; use an IANA time zone name');
  });

  test('the tool declares the description the demo model was trained on', () => {
    expect(currentTimeTool.description).toBe(GET_CURRENT_TIME_TOOL);
  });
});
