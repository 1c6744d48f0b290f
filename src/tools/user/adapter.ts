// A user tool as an entry of the chat's tool registry: the description the developer message declares (so
// the model sees it exactly as Harmony renders function tools) and a run() that checks the arguments, asks
// for approval when the tool wants it, then runs the code in the sandbox or asks the person. Every failure is
// a UserToolError whose message is the tool message the model reads.
import type { ToolDescription } from '../../harmony/types';
import { decideApproval, DENIED_TOOL_OUTPUT, needsApproval } from './approval';
import { argsProblem } from './args';
import { UserToolError } from './errors';
import type { ToolPrompts } from './prompts';
import { runInSandbox, type SandboxOptions } from './sandbox';
import type { ApprovalMode, UserTool } from './types';
import { definitionProblems } from './validate-definition';

/** How long a call may wait for the person (approval or an ask-me answer), ms. */
export const PERSON_WAIT_MS = 30 * 60_000;

/** The registry's entry shape (src/tools/types.ts ToolDefinition of the chat core). */
export interface UserToolEntry {
  description: ToolDescription;
  title: string;
  timeoutMs: number;
  run(args: Record<string, unknown>, ctx: { signal: AbortSignal }): Promise<string>;
}

export interface UserToolDeps {
  prompts: ToolPrompts;
  /** The person answered Always: store the tool's new approval mode. */
  onApprovalChange?: (toolId: string, mode: ApprovalMode) => void;
  sandbox?: (code: string, args: unknown, opts: SandboxOptions) => Promise<string>;
}

/** The declaration the model reads: name, description, parameters, nothing else. */
export function userToolDescription(tool: UserTool): ToolDescription {
  return { name: tool.name, description: tool.description, parameters: tool.parameters };
}

export function userToolEntry(tool: UserTool, deps: UserToolDeps): UserToolEntry {
  let mode = tool.approval; // Always takes effect at once, before the settings store hands out a new entry
  const sandbox = deps.sandbox ?? runInSandbox;
  return {
    description: userToolDescription(tool),
    title: tool.name,
    // The sandbox enforces the code's timeout itself; the loop's limit also covers the time a question waits.
    timeoutMs: tool.timeoutMs + (needsApproval(tool.approval) || tool.implementation.kind === 'ask' ? PERSON_WAIT_MS : 0),
    async run(args, { signal }) {
      const problem = argsProblem(tool.parameters, args);
      if (problem) throw new UserToolError('tool-args', `Invalid arguments for ${tool.name}: ${problem}`, 'The model will see this and can call again with fixed arguments.');
      const argsText = JSON.stringify(args, null, 2);
      if (needsApproval(mode)) {
        const outcome = decideApproval(mode, await deps.prompts.ask('approval', tool.name, argsText, signal));
        if (outcome.mode !== mode) {
          mode = outcome.mode;
          deps.onApprovalChange?.(tool.id, mode);
        }
        if (!outcome.run) throw new UserToolError('tool-denied', DENIED_TOOL_OUTPUT, 'Allow the call next time, or set the tool to run automatically.');
      }
      if (tool.implementation.kind === 'code') return sandbox(tool.implementation.code, args, { timeoutMs: tool.timeoutMs, signal });
      const reply = await deps.prompts.ask('answer', tool.name, argsText, signal);
      if (reply.kind === 'decline') throw new UserToolError('tool-denied', 'The user declined to answer this tool call.', 'Answer the card next time, or disable the tool.');
      return reply.text;
    },
  };
}

/** Entries for every enabled tool whose definition is sound, in order; names taken by built-ins are skipped. */
export function userToolEntries(tools: readonly UserTool[], builtinNames: readonly string[], deps: UserToolDeps): UserToolEntry[] {
  const taken = [...builtinNames];
  const out: UserToolEntry[] = [];
  for (const t of tools) {
    if (!t.enabled || definitionProblems(t, taken).length > 0) continue;
    taken.push(t.name);
    out.push(userToolEntry(t, deps));
  }
  return out;
}
