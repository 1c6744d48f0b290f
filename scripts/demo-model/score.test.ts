import { describe, expect, test } from 'vitest';
import { message } from '../../src/harmony/builders';
import { scoreTurn, statesValue } from './score';
import { ToolError, calculate, runDemoTool } from './tool-runner';

describe('demo tools', () => {
  test('calculator evaluates with precedence and rejects other input', () => {
    expect(calculate('17 * 23')).toBe(391);
    expect(calculate('2 + 3 * 4')).toBe(14);
    expect(calculate('(2 + 3) * 4')).toBe(20);
    expect(calculate('5 - 12')).toBe(-7);
    expect(() => calculate('process.exit()')).toThrow(ToolError);
    expect(() => calculate('2 +')).toThrow(ToolError);
  });
  test('tool runner answers like the training data', () => {
    expect(runDemoTool('functions.calculator', '{"expression":"6 * 7"}', '00:00')).toBe('42');
    expect(runDemoTool('functions.get_current_time', '{"timezone":"Asia/Tokyo"}', '09:30')).toBe('{"time":"09:30","timezone":"Asia/Tokyo"}');
    expect(() => runDemoTool('functions.nope', '{}', '')).toThrow(ToolError);
    expect(() => runDemoTool('functions.calculator', 'not json', '')).toThrow(ToolError);
  });
});

describe('scoring', () => {
  test('a value counts only as a whole number or time', () => {
    expect(statesValue('17 * 23 = 391.', '391')).toBe(true);
    expect(statesValue('It is 3910.', '391')).toBe(false);
    expect(statesValue('It is 14:05 in Paris.', '14:05')).toBe(true);
    expect(statesValue('It is 14:059.', '14:05')).toBe(false);
  });
  test('scores tool choice, arguments and the final answer', () => {
    const call = message('assistant', '{"expression":"17 * 23"}', { channel: 'commentary', recipient: 'functions.calculator', contentType: '<|constrain|>json' });
    const fin = message('assistant', 'The answer is 391.', { channel: 'final' });
    const expectCalc = { kind: 'calc' as const, tool: 'calculator' as const, args: { expression: '17 * 23' }, toolOutput: '391' };
    expect(scoreTurn([call, fin], expectCalc)).toEqual({ wellFormed: true, rightTool: true, hasFinal: true, rightArgs: true, finalStatesResult: true });
    const wrongArgs = { ...call, content: [{ type: 'text' as const, text: '{"expression":"17 * 32"}' }] };
    expect(scoreTurn([wrongArgs, fin], expectCalc).rightArgs).toBe(false);
    expect(scoreTurn([fin], expectCalc).rightTool).toBe(false);
    expect(scoreTurn([fin], { kind: 'greeting' }).rightTool).toBe(true);
    expect(scoreTurn([call, fin], { kind: 'greeting' }).rightTool).toBe(false);
    expect(scoreTurn(null, expectCalc).wellFormed).toBe(false);
  });
});
