// Turns scored turns into the eval's figures: the four goal figures, declines and fully-right turns, overall
// and broken down by category, surface feature and reasoning effort (pure, printed by eval.ts).
import type { TurnResult } from './score';

export const GOALS = { wellFormed: 100, rightTool: 98, rightArgs: 97, finalStatesToolOutput: 97 } as const;

export interface Figures {
  turns: number;
  toolTurns: number;
  wellFormed: number;
  rightTool: number;
  rightArgs: number;
  finalStatesToolOutput: number;
  declined: number;
  fullyRight: number;
}

const pct = (xs: readonly boolean[]): number => (xs.length ? (100 * xs.filter(Boolean).length) / xs.length : NaN);

export function figures(results: readonly TurnResult[]): Figures {
  const tool = results.filter((r) => r.rightArgs !== undefined);
  const declines = results.filter((r) => r.declined !== undefined);
  return {
    turns: results.length,
    toolTurns: tool.length,
    wellFormed: pct(results.map((r) => r.wellFormed)),
    rightTool: pct(results.map((r) => r.rightTool)),
    rightArgs: pct(tool.map((r) => r.rightArgs === true)),
    finalStatesToolOutput: pct(tool.map((r) => r.finalStatesToolOutput === true)),
    declined: pct(declines.map((r) => r.declined === true)),
    fullyRight: pct(results.map((r) => r.fullyRight)),
  };
}

export const meetsGoals = (f: Figures): boolean => (Object.keys(GOALS) as (keyof typeof GOALS)[]).every((k) => f[k] >= GOALS[k]);

const cell = (v: number): string => (Number.isNaN(v) ? '-' : `${v.toFixed(1)}%`).padStart(7);

/** A text table: one row per group, columns well-formed / tool / args / final / declined / fully right. */
export function table(title: string, groups: ReadonlyMap<string, readonly TurnResult[]>): string[] {
  const lines = [`  ${title.padEnd(20)}     n   formed    tool    args   final declined   fully`];
  for (const [name, rs] of groups) {
    const f = figures(rs);
    lines.push(`  ${name.padEnd(20)} ${String(f.turns).padStart(5)} ${cell(f.wellFormed)} ${cell(f.rightTool)} ${cell(f.rightArgs)} ${cell(f.finalStatesToolOutput)} ${cell(f.declined)} ${cell(f.fullyRight)}`);
  }
  return lines;
}

export function groupBy<T>(xs: readonly T[], keys: (x: T) => readonly string[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) for (const k of keys(x)) m.set(k, [...(m.get(k) ?? []), x]);
  return new Map([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
