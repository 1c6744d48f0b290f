// The Harmony conversation for a path of the chat tree: the model's prelude (system + developer messages, as
// its manifest entry says it was trained) followed by the user messages and the assistant turns' messages.
import { developerMessage, newDeveloperContent, newSystemContent, systemMessage } from '../harmony/builders';
import { renderConversationForCompletion } from '../harmony/render';
import type { Message, ReasoningEffort } from '../harmony/types';
import type { ModelManifest } from '../models/manifest';
import { BUILTIN_TOOLS, findTool } from '../tools/registry';
import type { ToolDefinition } from '../tools/types';

export interface PromptSettings {
  effort: ReasoningEffort;
  /** The user's developer instructions ('' for none). */
  instructions: string;
  /** Registry tool names the user enabled. */
  enabledTools: readonly string[];
  /** The day the conversation happens (for models that get today's date). */
  today: Date;
}

/** YYYY-MM-DD in the user's own time zone. */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The function tools the model is offered: its trained set, or the enabled registry tools in registry order. */
export function offeredTools(model: ModelManifest, enabled: readonly string[], registry: readonly ToolDefinition[] = BUILTIN_TOOLS): ToolDefinition[] {
  const spec = model.prelude.functionTools;
  if (spec.kind === 'settings') return registry.filter((t) => enabled.includes(t.description.name));
  return spec.names.map((name) => {
    const tool = findTool(name, registry);
    if (!tool) throw new Error(`Model ${model.id} was trained with the tool "${name}", which the tool registry lacks.`);
    return tool;
  });
}

/** System and developer messages for the model, from its manifest's prelude and the user's settings. */
export function preludeMessages(model: ModelManifest, settings: PromptSettings, registry: readonly ToolDefinition[] = BUILTIN_TOOLS): Message[] {
  const date = model.prelude.conversationDate;
  const system = systemMessage(
    newSystemContent({ reasoningEffort: settings.effort, conversationStartDate: date.kind === 'fixed' ? date.date : localDate(settings.today) }),
  );
  const tools = offeredTools(model, settings.enabledTools, registry).map((t) => t.description);
  const instructions = model.prelude.instructions && settings.instructions.trim() !== '' ? settings.instructions : undefined;
  if (tools.length === 0 && instructions === undefined) return [system];
  return [
    system,
    developerMessage(newDeveloperContent({ ...(instructions !== undefined ? { instructions } : {}), ...(tools.length > 0 ? { functionTools: tools } : {}) })),
  ];
}

/** The Harmony messages of a path: user texts and each assistant turn's finished messages. */
/** Prompt ids for the next assistant turn (earlier analysis dropped by the renderer, HARMONY-SPEC §6.1). */
export function renderPrompt(conversation: readonly Message[]): number[] {
  return renderConversationForCompletion(conversation, 'assistant');
}

export { pathMessages } from './tree';
