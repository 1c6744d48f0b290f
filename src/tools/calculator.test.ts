import { describe, expect, test } from 'vitest';
import { calculate, CalculatorError, calculatorTool, formatNumber, type CalculatorErrorKind } from './calculator';
import { CALCULATOR_TOOL } from './demo-tools';
import { ToolError } from './tool-error';

describe('calculator', () => {
  test('precedence, parentheses, decimals, unary minus', () => {
    const cases: [string, number][] = [
      ['17 * 23', 391], ['2 + 3 * 4', 14], ['(2 + 3) * 4', 20], ['5 - 12', -7], ['10 / 4', 2.5], ['8 / 2 / 2', 2],
      ['10 - 4 - 3', 3], ['-5 + 2', -3], ['-(2 + 3)', -5], ['2 * -3', -6], ['--4', 4], ['+7', 7], ['.5 + 1.', 1.5],
      ['3.25 * 4', 13], ['((1))', 1], ['  12  ', 12], ['6 × 7', 42], ['9 ÷ 3', 3], ['8 − 3', 5],
    ];
    for (const [expr, value] of cases) expect(calculate(expr), expr).toBe(value);
  });

  test('clear typed errors', () => {
    const cases: [string, CalculatorErrorKind, string][] = [
      ['', 'empty', 'empty'],
      ['   ', 'empty', 'empty'],
      ['1 / 0', 'division-by-zero', 'Division by zero'],
      ['4 / (2 - 2)', 'division-by-zero', 'Division by zero'],
      ['2 3', 'trailing-input', 'Unexpected "3" at position 3'],
      ['(1 + 2', 'missing-paren', 'Missing ")"'],
      ['1 + 2)', 'trailing-input', 'Unexpected ")"'],
      ['2 +', 'unexpected-end', 'ends too early'],
      ['* 2', 'unexpected-token', 'Unexpected "*" at position 1'],
      ['process.exit()', 'unexpected-character', 'Unexpected "p" at position 1'],
      ['2 ^ 3', 'unexpected-character', 'Unexpected "^"'],
      ['1e400', 'unexpected-character', 'Unexpected "e"'],
      ['9'.repeat(400), 'not-finite', 'too large'],
      ['('.repeat(500) + '1' + ')'.repeat(500), 'too-deep', 'nests too deeply'],
      ['-'.repeat(500) + '1', 'too-deep', 'nests too deeply'],
    ];
    for (const [expr, kind, text] of cases) {
      let caught: unknown;
      try {
        calculate(expr);
      } catch (e) {
        caught = e;
      }
      expect(caught, expr).toBeInstanceOf(CalculatorError);
      expect(caught, expr).toBeInstanceOf(ToolError);
      expect((caught as CalculatorError).kind, expr).toBe(kind);
      expect((caught as CalculatorError).message, expr).toContain(text);
    }
  });

  test('results read like the demo training data: bare numbers, no float noise', () => {
    expect(formatNumber(391)).toBe('391');
    expect(formatNumber(-7)).toBe('-7');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1 / 3)).toBe('0.333333333333');
    expect(formatNumber(-0)).toBe('0');
    expect(calculatorTool.run({ expression: '17 * 23' }, { signal: new AbortController().signal, now: () => new Date() })).toBe('391');
  });

  test('the tool declares the description the demo model was trained on', () => {
    expect(calculatorTool.description).toBe(CALCULATOR_TOOL);
  });
});
