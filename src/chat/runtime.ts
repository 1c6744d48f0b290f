// The agent runtime the chat store loads with a dynamic import() after first paint: everything that needs
// the Harmony tokenizer (its o200k tables are ~2 MB of JS) is reached from here and only from here.
import type { ModelManifest } from '../models/manifest';
import { BUILTIN_TOOL_NAMES } from '../tools/registry';
import { preludeMessages, pathMessages, renderPrompt, type PromptSettings } from './prompt';
import type { AssistantNode, UserNode } from './types';

export { runTurn } from './agent';
export { offeredTools, pathMessages, preludeMessages } from './prompt';

/** Registry tools minus the ones the user turned off. */
export const enabledTools = (disabled: readonly string[]): string[] => BUILTIN_TOOL_NAMES.filter((n) => !disabled.includes(n));

/** Exact tokens the next prompt takes for this path (before the next user message): the context meter. */
export function contextTokens(model: ModelManifest, settings: PromptSettings, path: readonly (UserNode | AssistantNode)[]): number {
  return renderPrompt([...preludeMessages(model, settings), ...pathMessages(path)]).length;
}
