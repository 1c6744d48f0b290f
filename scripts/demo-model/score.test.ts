import { describe, expect, test } from 'vitest';
import { message, toolResultMessage } from '../../src/harmony/builders';
import { bin, calcValue, grouped, num, printExpr } from './expression';
import { figures, meetsGoals } from './figures';
import { isDecline, sameArgs, scoreTurn, statesValue, toolValue } from './score';
import { ToolError, calculate, runDemoTool } from './tool-runner';

describe('demo tools', () => {
  test('calculator evaluates with precedence, decimals and unary minus, and rejects other input', () => {
    expect(calculate('17 * 23')).toBe(391);
    expect(calculate('2 + 3 * 4')).toBe(14);
    expect(calculate('(2 + 3) * 4')).toBe(20);
    expect(calculate('5 - 12')).toBe(-7);
    expect(calculate('12.5 * (3 - 7)')).toBe(-50);
    expect(calculate('3 - -5')).toBe(8);
    expect(String(calculate('0.1 + 0.2'))).toBe('0.30000000000000004');
    expect(() => calculate('process.exit()')).toThrow(ToolError);
    expect(() => calculate('2 +')).toThrow(ToolError);
  });
  test('tool runner answers like the training data and rejects unknown time zones', () => {
    expect(runDemoTool('functions.calculator', '{"expression":"6 * 7"}', '00:00')).toBe('42');
    expect(runDemoTool('functions.get_current_time', '{"timezone":"Asia/Tokyo"}', '09:30')).toBe('{"time":"09:30","timezone":"Asia/Tokyo"}');
    expect(runDemoTool('functions.get_current_time', '{}', '09:30')).toBe('{"time":"09:30"}');
    expect(() => runDemoTool('functions.get_current_time', '{"timezone":"Reykjavik"}', '09:30')).toThrow(ToolError);
    expect(() => runDemoTool('functions.nope', '{}', '')).toThrow(ToolError);
    expect(() => runDemoTool('functions.calculator', 'not json', '')).toThrow(ToolError);
  });
});

describe('canonical expressions', () => {
  test('parentheses where the user grouped or precedence needs them, unary minus glued, JS number text', () => {
    expect(printExpr(bin('*', num('12.5'), bin('-', num('3'), num('7'))))).toBe('12.5 * (3 - 7)');
    expect(printExpr(bin('+', num('2'), bin('*', num('3'), num('4'))))).toBe('2 + 3 * 4');
    expect(printExpr(bin('-', num('9'), bin('+', num('1'), num('2'))))).toBe('9 - (1 + 2)');
    expect(printExpr(bin('+', grouped(bin('*', num('2'), num('3'))), num('4')))).toBe('(2 * 3) + 4');
    expect(printExpr(bin('*', num('3'), num('-5')), { spaced: false, times: '×', divide: '÷' })).toBe('3×-5');
    expect(calcValue(bin('/', num('10'), num('3')))).toBe('3.33333333333');
  });
});

describe('scoring', () => {
  test('a value counts only as a whole number or time', () => {
    expect(statesValue('17 * 23 = 391.', '391')).toBe(true);
    expect(statesValue('It is 3910.', '391')).toBe(false);
    expect(statesValue('It is 391.5.', '391')).toBe(false);
    expect(statesValue('It is -391.', '391')).toBe(false);
    expect(statesValue('3 - 5 = -2.', '-2')).toBe(true);
    expect(statesValue('The result is 0.30000000000000004.', '0.30000000000000004')).toBe(true);
    expect(statesValue('It is 14:05 in Paris.', '14:05')).toBe(true);
    expect(statesValue('It is 14:059.', '14:05')).toBe(false);
  });
  test('arguments: the expression up to whitespace, other fields exactly', () => {
    expect(sameArgs('{"expression":"12.5*(3-7)"}', { expression: '12.5 * (3 - 7)' })).toBe(true);
    expect(sameArgs('{"expression":"12.5 * (3 - 8)"}', { expression: '12.5 * (3 - 7)' })).toBe(false);
    expect(sameArgs('{"timezone":"asia/tokyo"}', { timezone: 'Asia/Tokyo' })).toBe(false);
    expect(sameArgs('{}', {})).toBe(true);
    expect(sameArgs('{"timezone":"Asia/Tokyo"}', {})).toBe(false);
  });
  test('tool values and declines', () => {
    expect(toolValue('{"time":"09:30","timezone":"Asia/Tokyo"}')).toBe('09:30');
    expect(toolValue('391')).toBe('391');
    expect(isDecline('I am a tiny demo model: I can do arithmetic and tell the time, but I cannot help with that.')).toBe(true);
    expect(isDecline('Hello! How can I help you today?')).toBe(false);
  });
  test('scores tool choice, arguments, the quoted tool output, declines and fully right turns', () => {
    const call = message('assistant', '{"expression":"17 * 23"}', { channel: 'commentary', recipient: 'functions.calculator', contentType: '<|constrain|>json' });
    const result = toolResultMessage('functions.calculator', '391');
    const fin = message('assistant', 'The answer is 391.', { channel: 'final' });
    const calc = { category: 'calc-int', tool: 'calculator' as const, args: { expression: '17 * 23' }, toolOutput: '391' };
    expect(scoreTurn([call, result, fin], calc)).toEqual({ category: 'calc-int', wellFormed: true, rightTool: true, rightArgs: true, finalStatesToolOutput: true, fullyRight: true });
    // Wrong operand: the final may still quote what the tool returned, but the turn is not right.
    const wrong = { ...call, content: [{ type: 'text' as const, text: '{"expression":"17 * 32"}' }] };
    const wrongResult = toolResultMessage('functions.calculator', '544');
    const quotesWrong = message('assistant', '17 * 32 = 544.', { channel: 'final' });
    expect(scoreTurn([wrong, wrongResult, quotesWrong], calc)).toMatchObject({ rightArgs: false, finalStatesToolOutput: true, fullyRight: false });
    expect(scoreTurn([call, result, message('assistant', 'It is 392.', { channel: 'final' })], calc)).toMatchObject({ rightArgs: true, finalStatesToolOutput: false, fullyRight: false });
    expect(scoreTurn([fin], calc).rightTool).toBe(false);
    expect(scoreTurn([fin], { category: 'small-talk' })).toMatchObject({ rightTool: true, fullyRight: true });
    expect(scoreTurn([call, result, fin], { category: 'small-talk' }).rightTool).toBe(false);
    const decline = message('assistant', 'I am a tiny demo model: I can do arithmetic and tell the time, but I cannot help with that.', { channel: 'final' });
    expect(scoreTurn([decline], { category: 'out-of-scope', declines: true })).toMatchObject({ rightTool: true, declined: true, fullyRight: true });
    expect(scoreTurn([fin], { category: 'out-of-scope', declines: true })).toMatchObject({ rightTool: true, declined: false, fullyRight: false });
    expect(scoreTurn(null, calc)).toMatchObject({ wellFormed: false, rightArgs: false, fullyRight: false });
  });
  test('figures and goals', () => {
    const right = { category: 'calc-int', wellFormed: true, rightTool: true, rightArgs: true, finalStatesToolOutput: true, fullyRight: true };
    const f = figures([right, right, { ...right, rightArgs: false, fullyRight: false }, { category: 'small-talk', wellFormed: true, rightTool: true, fullyRight: true }]);
    expect(f).toMatchObject({ turns: 4, toolTurns: 3, wellFormed: 100, rightTool: 100, fullyRight: 75 });
    expect(f.rightArgs).toBeCloseTo(66.67, 1);
    expect(meetsGoals(f)).toBe(false);
    expect(meetsGoals(figures([right]))).toBe(true);
  });
});
