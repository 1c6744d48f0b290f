// The one list of built-in tools: the agent loop runs them, the developer message declares them, the cards
// title them. Order matters: it is the order of the declarations the model reads.
import { calculatorTool } from './calculator';
import { currentTimeTool } from './current-time';
import type { ToolDefinition } from './types';

export const BUILTIN_TOOLS: readonly ToolDefinition[] = [calculatorTool, currentTimeTool];

export const BUILTIN_TOOL_NAMES: readonly string[] = BUILTIN_TOOLS.map((t) => t.description.name);

export function findTool(name: string, tools: readonly ToolDefinition[] = BUILTIN_TOOLS): ToolDefinition | undefined {
  return tools.find((t) => t.description.name === name);
}

/** The card's title for a tool name (the name itself for tools outside the registry). */
export function toolTitle(name: string): string {
  return findTool(name)?.title ?? name;
}
