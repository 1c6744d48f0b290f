// The agent runtime the chat store loads with a dynamic import() after first paint: everything that needs
// the Harmony tokenizer (its o200k tables are ~2 MB of JS) is reached from here and only from here.
import type { ModelManifest } from '../models/manifest';
import { BUILTIN_TOOL_NAMES, BUILTIN_TOOLS } from '../tools/registry';
import type { ToolDefinition } from '../tools/types';
import { userToolEntries, type UserToolDeps } from '../tools/user/adapter';
import type { UserTool } from '../tools/user/types';
import { preludeMessages, pathMessages, renderPrompt, type PromptSettings } from './prompt';
import type { AssistantNode, UserNode } from './types';

export { runTurn } from './agent';
export { offeredTools, pathMessages, preludeMessages } from './prompt';

/** Registry tools minus the ones the user turned off. */
export const enabledTools = (disabled: readonly string[]): string[] => BUILTIN_TOOL_NAMES.filter((n) => !disabled.includes(n));

/** The tools a turn can offer: the built-ins and the person's own (sound, enabled, not shadowing a built-in). */
export interface ToolSetup {
  registry: readonly ToolDefinition[];
  /** Names offered to models that take the user's tools. */
  enabled: readonly string[];
}

export function toolSetup(disabled: readonly string[], userTools: readonly UserTool[], deps: UserToolDeps): ToolSetup {
  const user = userToolEntries(userTools, BUILTIN_TOOL_NAMES, deps);
  return { registry: [...BUILTIN_TOOLS, ...user], enabled: [...enabledTools(disabled), ...user.map((t) => t.description.name)] };
}

/** Exact tokens the next prompt takes for this path (before the next user message): the context meter. */
export function contextTokens(model: ModelManifest, settings: PromptSettings, path: readonly (UserNode | AssistantNode)[], registry: readonly ToolDefinition[] = BUILTIN_TOOLS): number {
  return renderPrompt([...preludeMessages(model, settings, registry), ...pathMessages(path)]).length;
}
