// Arithmetic expressions as plain data: the canonical string the model passes to functions.calculator
// ("12.5 * (3 - 7)": single spaces around binary operators, unary minus glued to its number, parentheses
// where the user grouped or where precedence needs them) and the value the calculator returns for it (JS
// number formatting, String(0.1 + 0.2) = "0.30000000000000004"), which the final answer quotes verbatim.
// Both data generators build expressions here and each puts them into its own words.
import { calculate, formatNumber } from '../../src/tools/calculator';

export type Op = '+' | '-' | '*' | '/';
/** A number's text as the user typed it ("-5", "12.50"); `paren` marks grouping the user wrote. */
export type Expr = { kind: 'num'; text: string; paren?: boolean } | { kind: 'bin'; op: Op; left: Expr; right: Expr; paren?: boolean };

export const OPS: readonly Op[] = ['+', '-', '*', '/'];
const PRECEDENCE: Record<Op, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

export const num = (text: string): Expr => ({ kind: 'num', text });
export const bin = (op: Op, left: Expr, right: Expr): Expr => ({ kind: 'bin', op, left, right });
export const grouped = (e: Expr): Expr => ({ ...e, paren: true });

/** Parentheses the canonical form needs: a lower-precedence child, or an equal-precedence right child. */
export function needsParens(parent: Op, child: Expr, side: 'left' | 'right'): boolean {
  if (child.kind !== 'bin') return false;
  const p = PRECEDENCE[parent], c = PRECEDENCE[child.op];
  return c < p || (side === 'right' && c === p);
}

export interface Notation {
  /** Spaces around binary operators ("3 + 4") or none ("3+4"). */
  spaced: boolean;
  times: '*' | 'x' | '×';
  divide: '/' | '÷';
}
export const CANONICAL: Notation = { spaced: true, times: '*', divide: '/' };

/** The expression in symbols; with CANONICAL it is the calculator argument. */
export function printExpr(e: Expr, n: Notation = CANONICAL): string {
  if (e.kind === 'num') return e.text;
  const side = (child: Expr, s: 'left' | 'right') => {
    const text = printExpr(child, n);
    return child.paren || needsParens(e.op, child, s) ? `(${text})` : text;
  };
  const sym = e.op === '*' ? n.times : e.op === '/' ? n.divide : e.op;
  return n.spaced ? `${side(e.left, 'left')} ${sym} ${side(e.right, 'right')}` : `${side(e.left, 'left')}${sym}${side(e.right, 'right')}`;
}

/** What functions.calculator returns for the expression. */
export const calcValue = (e: Expr): string => formatNumber(calculate(printExpr(e)));

/** An expression the calculator can evaluate (no division by zero anywhere inside): retries `make`. */
export function computable(make: () => Expr): Expr {
  for (;;) {
    const e = make();
    try {
      calcValue(e);
      return e;
    } catch {
      /* e.g. 5 / (3 - 3): draw another */
    }
  }
}

export const operands = (e: Expr): string[] => (e.kind === 'num' ? [e.text] : [...operands(e.left), ...operands(e.right)]);
