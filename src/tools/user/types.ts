// A function tool the person defines (issue 9 §4): what the model sees (name, description, JSON Schema) and
// what answers a call: JavaScript run in the sandbox worker, or the person ("ask me"). Plain data, stored
// with the settings.
import type { JsonSchema } from '../../harmony/types';

export type UserToolImplementation =
  /** The body of `async function (args) { … }`; its return value (string, or anything JSON) is the result. */
  | { kind: 'code'; code: string }
  /** The card asks the person, whose answer is the result. */
  | { kind: 'ask' };

/** Run calls as they come, or ask before each one (Allow once / Always / Deny). */
export type ApprovalMode = 'auto' | 'ask';

export interface UserTool {
  id: string;
  /** The function name the model calls (`functions.<name>`). */
  name: string;
  description: string;
  /** JSON Schema of the arguments object (rendered into the developer message as Harmony does). */
  parameters: JsonSchema;
  implementation: UserToolImplementation;
  approval: ApprovalMode;
  /** Code tools: the worker is terminated after this, ms. */
  timeoutMs: number;
  enabled: boolean;
}

export const DEFAULT_TOOL_TIMEOUT_MS = 5_000;
export const MAX_TOOL_TIMEOUT_MS = 60_000;
/** Longest result text handed to the model (a longer one is an error the model reads). */
export const MAX_TOOL_OUTPUT_CHARS = 100_000;
