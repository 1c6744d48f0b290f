// One tool call, from the model's recipient and argument text to the text the model reads next. Every
// failure (unknown tool, bad JSON, schema violation, timeout, a throw, a stop) becomes a readable tool
// message plus a typed error for the card; nothing here throws.
import { chatError } from '../chat/errors';
import type { ChatError } from '../chat/types';
import { findTool } from './registry';
import { ToolError } from './tool-error';
import type { ToolDefinition } from './types';
import { schemaViolation } from './validate';

export const FUNCTIONS_PREFIX = 'functions.';

export interface ToolCallResult {
  /** The text of the tool message fed back to the model. */
  output: string;
  error?: ChatError;
  ms: number;
}

export interface RunToolOptions {
  /** The tools the model was offered (only these may run). */
  tools: readonly ToolDefinition[];
  /** The user's stop. */
  signal?: AbortSignal;
  now?: () => Date;
}

/** The tool's name for a recipient (`functions.calculator` → `calculator`). */
export const toolName = (recipient: string): string => (recipient.startsWith(FUNCTIONS_PREFIX) ? recipient.slice(FUNCTIONS_PREFIX.length) : recipient);

const errorOutput = (message: string): string => JSON.stringify({ error: message });

export async function runToolCall(recipient: string, argsText: string, opts: RunToolOptions): Promise<ToolCallResult> {
  const t0 = performance.now();
  const fail = (code: ChatError['code'], message: string): ToolCallResult => ({ output: errorOutput(message), error: chatError(code, message), ms: performance.now() - t0 });

  const tool = recipient.startsWith(FUNCTIONS_PREFIX) ? findTool(toolName(recipient), opts.tools) : undefined;
  if (!tool) {
    const known = opts.tools.map((t) => FUNCTIONS_PREFIX + t.description.name).join(', ') || 'none';
    return fail('tool-unknown', `There is no tool ${recipient}. Available tools: ${known}.`);
  }
  let args: unknown;
  try {
    args = argsText.trim() === '' ? {} : JSON.parse(argsText);
  } catch (e) {
    return fail('tool-args', `The arguments are not valid JSON (${e instanceof Error ? e.message : String(e)}): ${argsText}`);
  }
  const violation = schemaViolation(tool, args);
  if (violation !== null) return fail('tool-args', `The arguments do not match the schema of ${recipient}: ${violation}`);
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return fail('tool-args', `The arguments of ${recipient} must be a JSON object: ${argsText}`);

  const outcome = await withTimeout(tool, args as Record<string, unknown>, opts);
  const ms = performance.now() - t0;
  if ('output' in outcome) return { output: outcome.output, ms };
  if ('error' in outcome) return { output: errorOutput(outcome.error.message), error: outcome.error, ms };
  return { ...fail(outcome.code, outcome.message), ms };
}

/** Codes a tool may report itself with its own fix (user tools: a denied call, arguments, their sandbox). */
const TOOL_CODES: ReadonlySet<ChatError['code']> = new Set(['tool-args', 'tool-timeout', 'tool-failed', 'tool-denied', 'tool-invalid']);

/** A typed error a tool threw (UserToolError): its code, message and fix are kept. */
function typedToolError(e: unknown): ChatError | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, message, fix } = e as Partial<Record<keyof ChatError, unknown>>;
  if (typeof code !== 'string' || !TOOL_CODES.has(code as ChatError['code']) || typeof message !== 'string' || typeof fix !== 'string') return undefined;
  return { code: code as ChatError['code'], message, fix };
}

type Outcome = { output: string } | { code: 'tool-timeout' | 'tool-failed'; message: string } | { error: ChatError };

/** Runs the tool with its timeout; the tool's signal aborts on timeout or on the user's stop. */
function withTimeout(tool: ToolDefinition, args: Record<string, unknown>, opts: RunToolOptions): Promise<Outcome> {
  const name = tool.description.name;
  const controller = new AbortController();
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const settle = (o: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onStop);
      if (!('output' in o)) controller.abort();
      resolve(o);
    };
    const timer = setTimeout(() => settle({ code: 'tool-timeout', message: `${name} did not finish within ${tool.timeoutMs} ms and was stopped.` }), tool.timeoutMs);
    const onStop = (): void => settle({ code: 'tool-failed', message: `${name} was stopped by the user before it finished.` });
    if (opts.signal?.aborted) return onStop();
    opts.signal?.addEventListener('abort', onStop, { once: true });
    Promise.resolve()
      .then(() => tool.run(args, { signal: controller.signal, now: opts.now ?? (() => new Date()) }))
      .then(
        (output) => settle(typeof output === 'string' ? { output } : { code: 'tool-failed', message: `${name} returned no text.` }),
        (e: unknown) => {
          const typed = typedToolError(e);
          settle(typed ? { error: typed } : { code: 'tool-failed', message: e instanceof ToolError ? e.message : `${name} crashed: ${e instanceof Error ? e.message : String(e)}` });
        },
      );
  });
}
