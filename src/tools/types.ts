// What a tool is: the Harmony description the model reads (developer message), what runs, and what the card
// shows. One registry (registry.ts) feeds the agent loop, the developer message and the cards.
import type { ToolDescription } from '../harmony/types';

export interface ToolContext {
  /** Aborted when the tool times out or the user stops the turn. */
  signal: AbortSignal;
  /** The clock (tests fix it). */
  now: () => Date;
}

export interface ToolDefinition {
  /** Name, description and JSON Schema of the arguments, exactly as rendered for the model. */
  description: ToolDescription;
  /** Short human title for the tool card. */
  title: string;
  timeoutMs: number;
  /** Gets arguments already validated against `description.parameters`; returns the text the model reads. */
  run(args: Record<string, unknown>, ctx: ToolContext): string | Promise<string>;
}
