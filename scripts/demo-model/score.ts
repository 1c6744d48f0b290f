// Scores one evaluated conversation turn against its expectation (pure; the eval loop feeds it).
import type { Message } from '../../src/harmony/types';
import type { Expectation } from './conversations';

export interface TurnResult {
  wellFormed: boolean;
  rightTool: boolean;
  /** undefined when no tool was expected */
  rightArgs?: boolean;
  finalStatesResult?: boolean;
  hasFinal: boolean;
}

const text = (m: Message): string => m.content.map((c) => (c.type === 'text' ? c.text : '')).join('');

function sameArgs(json: string, expected: Record<string, string>): boolean {
  try {
    const got = JSON.parse(json) as unknown;
    if (typeof got !== 'object' || got === null || Array.isArray(got)) return false;
    const g = got as Record<string, unknown>;
    const keys = Object.keys(expected);
    return Object.keys(g).length === keys.length && keys.every((k) => g[k] === expected[k]);
  } catch {
    return false;
  }
}

/** The value must appear as a whole number/time, not inside a longer one (391 is not in 3910). */
export function statesValue(answer: string, value: string): boolean {
  const esc = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d:])${esc}(?![\\d:])`).test(answer);
}

export function scoreTurn(messages: readonly Message[] | null, expect: Expectation): TurnResult {
  if (messages === null) return { wellFormed: false, rightTool: false, hasFinal: false, ...(expect.tool ? { rightArgs: false, finalStatesResult: false } : {}) };
  const calls = messages.filter((m) => m.author.role === 'assistant' && m.recipient !== undefined);
  const finals = messages.filter((m) => m.author.role === 'assistant' && m.channel === 'final');
  const wanted = expect.tool ? [`functions.${expect.tool}`] : [];
  const rightTool = calls.length === wanted.length && calls.every((c, i) => c.recipient === wanted[i]);
  const result: TurnResult = { wellFormed: true, rightTool, hasFinal: finals.length === 1 };
  if (expect.tool) {
    result.rightArgs = rightTool && sameArgs(text(calls[0]!), expect.args ?? {});
    result.finalStatesResult = finals.length === 1 && statesValue(text(finals[0]!), expect.toolOutput ?? '');
  }
  return result;
}
