import { describe, expect, test } from 'vitest';
import { parseHeader, parseHeaderTolerant, parseHeaderWithoutMessage } from './header';
import type { Role } from './types';

// Every row of HARMONY-SPEC §7.3's table of real headers.
const A: Role = 'assistant';
const rows: [string, Role | null, Record<string, string>][] = [
  ['<|channel|>final', A, { role: 'assistant', channel: 'final' }],
  ['<|channel|>commentary to=functions.get_weather <|constrain|>json', A,
    { role: 'assistant', channel: 'commentary', recipient: 'functions.get_weather', contentType: '<|constrain|>json' }],
  ['<|channel|>commentary to=functions.get_weather<|constrain|>json', A,
    { role: 'assistant', channel: 'commentary', recipient: 'functions.get_weather', contentType: '<|constrain|>json' }],
  ['assistant to=functions.get_weather<|channel|>commentary<|constrain|>json', null,
    { role: 'assistant', channel: 'commentary', recipient: 'functions.get_weather', contentType: '<|constrain|>json' }],
  ['<|channel|>analysis to=python code', A, { role: 'assistant', channel: 'analysis', recipient: 'python', contentType: 'code' }],
  ['<|channel|>commentary to=functions.get_weather json', A,
    { role: 'assistant', channel: 'commentary', recipient: 'functions.get_weather', contentType: 'json' }],
  ['<|channel|>commentary functions.f json', A, { role: 'assistant', channel: 'commentary', recipient: 'functions.f', contentType: 'json' }],
  ['browser.search to=assistant<|channel|>commentary', null,
    { role: 'tool', name: 'browser.search', channel: 'commentary', recipient: 'assistant' }],
  ['tool to=assistant', null, { role: 'tool', name: 'tool', recipient: 'assistant' }],
  ['to=functions.f', null, { role: 'tool', name: 'to=functions.f' }],
  ['<|channel|>final json', A, { role: 'assistant', channel: 'final', recipient: 'json' }],
  ['<|channel|>final <|constrain|>json', A, { role: 'assistant', channel: 'final', recipient: '<|constrain|>json' }],
  ['<|channel|>final<|constrain|>json', A, { role: 'assistant', channel: 'final', recipient: '<|constrain|>json' }],
  ['<|channel|>commentary json code', A, { role: 'assistant', channel: 'commentary', recipient: 'json', contentType: 'code' }],
  ['<|channel|>commentary to=functions.x<|channel|>commentary json', A,
    { role: 'assistant', channel: 'commentary', recipient: 'functions.x<|channel|>commentary', contentType: 'json' }],
  ['<|start|>assistant<|channel|>final', A, { role: 'assistant', channel: 'final', recipient: '<|start|>assistant' }],
  ['<|channel|>commentary\tto=functions.f\njson', A, { role: 'assistant', channel: 'commentary', recipient: 'functions.f', contentType: 'json' }],
];

const errors: [string, Role | null, string][] = [
  ['functions.f<|channel|>commentary', null, 'Unknown role: functions.f'],
  ['user:alice', null, 'Unknown role: user:alice'],
  ['<|start|>assistant<|channel|>final', null, 'Unknown role: <|start|>assistant'],
  ['assistant to=functions.a<|channel|>commentary to=functions.b', null,
    'unexpected tokens remaining in message header: Some("to=functions.a")'],
  ['<|channel|>', A, 'channel marker present but no channel value found in header'],
  ['', null, 'message header did not contain a role'],
];

describe('parseHeader (reference §7.3)', () => {
  test.each(rows)('%j (role %s)', (text, role, expected) => {
    expect(parseHeader(text, role)).toEqual(expected);
  });
  test.each(errors)('%j (role %s) fails', (text, role, message) => {
    expect(() => parseHeader(text, role)).toThrow(message);
  });
  test('non-ASCII spaces do not split parts; U+0085 is trimmed like Rust', () => {
    expect(parseHeader('<|channel|>final a\u00a0b', A)).toEqual({ role: 'assistant', channel: 'final', recipient: 'a\u00a0b' });
    expect(parseHeader('\u0085<|channel|>final\u0085', A)).toEqual({ role: 'assistant', channel: 'final' });
  });
});

describe('parseHeaderWithoutMessage (non-strict §7.5)', () => {
  test('channel kept, words become content with single spaces', () => {
    expect(parseHeaderWithoutMessage('<|channel|>commentary Hello   there', A)).toEqual({
      header: { role: 'assistant', channel: 'commentary' },
      content: 'Hello there',
    });
    expect(parseHeaderWithoutMessage('I must refuse', A)).toEqual({ header: { role: 'assistant' }, content: 'I must refuse' });
  });
});

describe('parseHeaderTolerant', () => {
  test('final <|constrain|>json is a content type, not a recipient', () => {
    expect(parseHeaderTolerant('<|channel|>final <|constrain|>json', A).header).toEqual({
      role: 'assistant', channel: 'final', contentType: '<|constrain|>json',
    });
  });
  test('recipient before or after the channel, glued constrain, call on analysis', () => {
    const want = { role: 'assistant', channel: 'analysis', recipient: 'functions.f', contentType: '<|constrain|>json' };
    expect(parseHeaderTolerant('<|channel|>analysis to=functions.f<|constrain|>json', A).header).toEqual(want);
    expect(parseHeaderTolerant('assistant to=functions.f<|channel|>analysis <|constrain|>json', null).header).toEqual(want);
  });
  test('debris after a recipient is cut and reported words are returned', () => {
    const r = parseHeaderTolerant('<|channel|>commentary to=functions.x<|channel|>commentary json', A);
    expect(r.header.recipient).toBe('functions.x');
    expect(r.header.contentType).toBe('json');
    expect(parseHeaderTolerant('<|channel|>final bogus words here', A).leftover.length).toBeGreaterThan(0);
  });
  test('never throws on odd input', () => {
    for (const h of ['', '<|channel|>', 'functions.f<|channel|>commentary', 'user:alice', '<|start|>assistant<|channel|>final', '\u0000\uFFFD']) {
      expect(() => parseHeaderTolerant(h, null)).not.toThrow();
      expect(() => parseHeaderTolerant(h, A)).not.toThrow();
    }
  });
});
