// The calculator tool: a small arithmetic evaluator (numbers, + - * /, parentheses, unary minus), parsed by
// recursive descent. Never eval: the expression comes from a model.
import { CALCULATOR_TOOL } from './demo-tools';
import { ToolError } from './tool-error';
import type { ToolDefinition } from './types';

export type CalculatorErrorKind =
  | 'empty'
  | 'unexpected-character'
  | 'unexpected-token'
  | 'unexpected-end'
  | 'missing-paren'
  | 'trailing-input'
  | 'division-by-zero'
  | 'too-deep'
  | 'not-finite';

export class CalculatorError extends ToolError {
  constructor(
    readonly kind: CalculatorErrorKind,
    message: string,
  ) {
    super(message);
  }
}

type Token = { kind: 'number'; value: number; text: string; at: number } | { kind: 'op'; op: string; text: string; at: number };

// Models sometimes write the typographic signs; they mean the same operations.
const ALIASES: Record<string, string> = { '×': '*', '÷': '/', '−': '-' };
const MAX_DEPTH = 100;

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const number = /\d+(?:\.\d*)?|\.\d+/y;
  let at = 0;
  while (at < expression.length) {
    const c = String.fromCodePoint(expression.codePointAt(at)!);
    if (/\s/u.test(c)) {
      at += c.length;
      continue;
    }
    number.lastIndex = at;
    const m = number.exec(expression);
    if (m) {
      tokens.push({ kind: 'number', value: Number(m[0]), text: m[0], at });
      at = number.lastIndex;
      continue;
    }
    const op = ALIASES[c] ?? c;
    if (!'+-*/()'.includes(op)) {
      throw new CalculatorError('unexpected-character', `Unexpected "${c}" at position ${at + 1} in "${expression}"; only numbers, + - * / and parentheses are allowed.`);
    }
    tokens.push({ kind: 'op', op, text: c, at });
    at += c.length;
  }
  return tokens;
}

/** Evaluates an arithmetic expression; throws CalculatorError (a ToolError) with a clear message otherwise. */
export function calculate(expression: string): number {
  const tokens = tokenize(expression);
  if (tokens.length === 0) throw new CalculatorError('empty', 'The expression is empty; give an arithmetic expression such as 17 * 23.');
  let i = 0;
  const isOp = (op: string): boolean => {
    const t = tokens[i];
    return t !== undefined && t.kind === 'op' && t.op === op;
  };

  const primary = (depth: number): number => {
    const t = tokens[i++];
    if (t === undefined) throw new CalculatorError('unexpected-end', `The expression "${expression}" ends too early.`);
    if (t.kind === 'number') return t.value;
    if (t.op === '-' || t.op === '+') {
      if (depth > MAX_DEPTH) throw new CalculatorError('too-deep', `The expression "${expression}" nests too deeply.`);
      const v = primary(depth + 1);
      return t.op === '-' ? -v : v;
    }
    if (t.op === '(') {
      if (depth > MAX_DEPTH) throw new CalculatorError('too-deep', `The expression "${expression}" nests too deeply.`);
      const v = sum(depth + 1);
      if (!isOp(')')) throw new CalculatorError('missing-paren', `Missing ")" for the "(" at position ${t.at + 1} in "${expression}".`);
      i++;
      return v;
    }
    throw new CalculatorError('unexpected-token', `Unexpected "${t.text}" at position ${t.at + 1} in "${expression}".`);
  };
  const product = (depth: number): number => {
    let v = primary(depth);
    while (isOp('*') || isOp('/')) {
      const op = tokens[i++]!;
      const rhs = primary(depth);
      if (op.kind === 'op' && op.op === '/' && rhs === 0) throw new CalculatorError('division-by-zero', `Division by zero in "${expression}".`);
      v = op.kind === 'op' && op.op === '*' ? v * rhs : v / rhs;
    }
    return v;
  };
  const sum = (depth: number): number => {
    let v = product(depth);
    while (isOp('+') || isOp('-')) v = (tokens[i++] as { op: string }).op === '+' ? v + product(depth) : v - product(depth);
    return v;
  };

  const value = sum(0);
  const rest = tokens[i];
  if (rest !== undefined) throw new CalculatorError('trailing-input', `Unexpected "${rest.text}" at position ${rest.at + 1} in "${expression}" after a complete expression.`);
  if (!Number.isFinite(value)) throw new CalculatorError('not-finite', `The result of "${expression}" is too large.`);
  return value;
}

/** Integers as written (391); other values to 12 significant digits, so 0.1 + 0.2 reads 0.3. */
export function formatNumber(value: number): string {
  if (Object.is(value, -0)) return '0';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

export const calculatorTool: ToolDefinition = {
  description: CALCULATOR_TOOL,
  title: 'Calculator',
  timeoutMs: 2_000,
  // The demo model was trained to read the bare value ("391") as the tool message.
  run: (args) => formatNumber(calculate(args.expression as string)),
};
