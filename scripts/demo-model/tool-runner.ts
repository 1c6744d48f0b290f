// The demo tools' behaviour for the evaluation: a small arithmetic evaluator (no eval()) and a fixed clock.
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

/** Evaluates + - * / and parentheses over integers/decimals; throws ToolError on anything else. */
export function calculate(expression: string): number {
  const tokens = expression.match(/\d+(?:\.\d+)?|[-+*/()]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const primary = (): number => {
    const t = tokens[i++];
    if (t === undefined) throw new ToolError(`Unexpected end of expression: ${expression}`);
    if (t === '(') {
      const v = sum();
      if (tokens[i++] !== ')') throw new ToolError(`Missing ) in ${expression}`);
      return v;
    }
    if (t === '-') return -primary();
    if (/^\d/.test(t)) return Number(t);
    throw new ToolError(`Unexpected "${t}" in ${expression}`);
  };
  const product = (): number => {
    let v = primary();
    while (peek() === '*' || peek() === '/') v = tokens[i++] === '*' ? v * primary() : v / primary();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') v = tokens[i++] === '+' ? v + product() : v - product();
    return v;
  };
  const v = sum();
  if (i !== tokens.length) throw new ToolError(`Trailing input in ${expression}`);
  return v;
}

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
    return String(calculate(a.expression));
  }
  if (recipient === 'functions.get_current_time') {
    if (a.timezone === undefined) return JSON.stringify({ time: clock });
    if (typeof a.timezone !== 'string' || !isTimeZone(a.timezone)) throw new ToolError(`Unknown time zone: ${String(a.timezone)}`);
    return JSON.stringify({ time: clock, timezone: a.timezone });
  }
  throw new ToolError(`Unknown tool ${recipient}`);
}
