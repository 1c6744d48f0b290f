// The demo tools' behaviour for the evaluation: the app's arithmetic evaluator (no eval()) and a fixed clock.
import { calculate, formatNumber } from '../../src/tools/calculator';
import { ToolError } from '../../src/tools/tool-error';

// The evaluator and its error live in the app's tool registry (src/tools); re-exported for the evaluation.
export { calculate, ToolError };

/** An IANA zone Intl knows (the app's get_current_time rejects others). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Runs a demo tool call the way the training data shows its result. `clock` is the time to report. */
export function runDemoTool(recipient: string, argsJson: string, clock: string): string {
  let args: unknown;
  try {
    args = JSON.parse(argsJson);
  } catch {
    throw new ToolError(`Tool arguments are not JSON: ${argsJson}`);
  }
  if (typeof args !== 'object' || args === null) throw new ToolError(`Tool arguments must be an object: ${argsJson}`);
  const a = args as Record<string, unknown>;
  if (recipient === 'functions.calculator') {
    if (typeof a.expression !== 'string') throw new ToolError('calculator needs a string "expression"');
    return formatNumber(calculate(a.expression)); // exactly what the app's calculator returns
  }
  if (recipient === 'functions.get_current_time') {
    if (a.timezone === undefined) return JSON.stringify({ time: clock });
    if (typeof a.timezone !== 'string' || !isTimeZone(a.timezone)) throw new ToolError(`Unknown time zone: ${String(a.timezone)}`);
    return JSON.stringify({ time: clock, timezone: a.timezone });
  }
  throw new ToolError(`Unknown tool ${recipient}`);
}
