// Scores one evaluated user turn against its expectation (pure; the eval loop feeds it the parsed messages
// of the turn, tool results included).
import type { Message } from '../../src/harmony/types';
import type { Expectation } from './expectation';

export interface TurnResult {
  category: string;
  /** Every generation parsed strictly and ended on a stop token. */
  wellFormed: boolean;
  /** The expected tool was called once, or no tool when none was expected. */
  rightTool: boolean;
  /** Tool turns only: the arguments match (the expression up to whitespace). */
  rightArgs?: boolean;
  /** Tool turns only: the final quotes the output the tool actually returned in this turn. */
  finalStatesToolOutput?: boolean;
  /** Out-of-scope turns only: no tool and a final saying what the model can do. */
  declined?: boolean;
  /** Well-formed, right tool, right arguments, one final, and it states the expected value. */
  fullyRight: boolean;
}

const text = (m: Message): string => m.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
const squash = (s: string): string => s.replace(/\s+/g, '');

export function sameArgs(json: string, expected: Record<string, string>): boolean {
  try {
    const got = JSON.parse(json) as unknown;
    if (typeof got !== 'object' || got === null || Array.isArray(got)) return false;
    const g = got as Record<string, unknown>;
    const keys = Object.keys(expected);
    const equal = (k: string) => typeof g[k] === 'string' && (k === 'expression' ? squash(g[k]) === squash(expected[k]!) : g[k] === expected[k]);
    return Object.keys(g).length === keys.length && keys.every(equal);
  } catch {
    return false;
  }
}

/** The value must appear as a whole number/time, not inside a longer one (391 is not in 3910 or 391.5). */
export function statesValue(answer: string, value: string): boolean {
  const esc = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d:.-])${esc}(?![\\d:]|\\.\\d)`).test(answer);
}

/** The value a tool output carries: the calculator's text, or the clock's "time" field. */
export function toolValue(output: string): string {
  try {
    const o = JSON.parse(output) as unknown;
    if (typeof o === 'object' && o !== null && typeof (o as { time?: unknown }).time === 'string') return (o as { time: string }).time;
  } catch {
    // plain text output
  }
  return output;
}

/** The capability decline: it names both things the model can do. */
export const isDecline = (answer: string): boolean => /arithmetic|math/i.test(answer) && /\btime\b/i.test(answer);

/** `messages`: the turn's parsed assistant and tool messages, or null when a generation was malformed. */
export function scoreTurn(messages: readonly Message[] | null, expect: Expectation): TurnResult {
  const category = expect.category;
  if (messages === null) {
    return { category, wellFormed: false, rightTool: false, fullyRight: false, ...(expect.tool ? { rightArgs: false, finalStatesToolOutput: false } : {}), ...(expect.declines ? { declined: false } : {}) };
  }
  const calls = messages.filter((m) => m.author.role === 'assistant' && m.recipient !== undefined);
  const finals = messages.filter((m) => m.author.role === 'assistant' && m.channel === 'final');
  const outputs = messages.filter((m) => m.author.role === 'tool');
  const answer = finals.length === 1 ? text(finals[0]!) : null;
  const wanted = expect.tool ? [`functions.${expect.tool}`] : [];
  const rightTool = calls.length === wanted.length && calls.every((c, i) => c.recipient === wanted[i]);
  const result: TurnResult = { category, wellFormed: true, rightTool, fullyRight: false };
  if (expect.tool) {
    result.rightArgs = rightTool && sameArgs(text(calls[0]!), expect.args ?? {});
    result.finalStatesToolOutput = answer !== null && outputs.length === 1 && statesValue(answer, toolValue(text(outputs[0]!)));
    result.fullyRight = result.rightArgs && answer !== null && statesValue(answer, expect.toolOutput ?? '');
  } else {
    result.fullyRight = rightTool && answer !== null;
  }
  if (expect.declines) {
    result.declined = rightTool && answer !== null && isDecline(answer);
    result.fullyRight = result.declined;
  }
  return result;
}
