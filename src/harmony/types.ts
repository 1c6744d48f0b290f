// Harmony data model (HARMONY-SPEC §2). Plain data: the builders live in builders.ts, the renderer in
// render.ts, the JSON wire form in json.ts. Field names are camelCase here; json.ts maps snake_case.

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';
export const ROLES: readonly Role[] = ['system', 'developer', 'user', 'assistant', 'tool'];

export type ReasoningEffort = 'low' | 'medium' | 'high';

export interface Author {
  role: Role;
  name?: string;
}

/** A JSON Schema object as given by a tool author; only the constructs of spec §5.4 are interpreted. */
export type JsonSchema = { [key: string]: unknown };

export interface ToolDescription {
  name: string;
  description: string;
  parameters?: JsonSchema;
}

export interface ToolNamespaceConfig {
  name: string;
  description?: string;
  tools: ToolDescription[];
}

export interface ChannelConfig {
  validChannels: string[];
  channelRequired: boolean;
}

/** Every field optional: the renderer prints only what is present (spec §2 NOTE); defaults belong to builders. */
export interface SystemContent {
  type: 'system_content';
  modelIdentity?: string;
  reasoningEffort?: ReasoningEffort;
  knowledgeCutoff?: string;
  conversationStartDate?: string;
  channelConfig?: ChannelConfig;
  /** Keyed by namespace name; rendered in byte-wise sorted key order (spec §2). */
  tools?: Record<string, ToolNamespaceConfig>;
}

export interface DeveloperContent {
  type: 'developer_content';
  instructions?: string;
  tools?: Record<string, ToolNamespaceConfig>;
}

export interface TextContent {
  type: 'text';
  text: string;
}

export type Content = TextContent | SystemContent | DeveloperContent;

export interface Message {
  author: Author;
  recipient?: string;
  channel?: string;
  contentType?: string;
  content: Content[];
}

export interface Conversation {
  messages: Message[];
}

export interface RenderConfig {
  /** Drop chain-of-thought before the first final answer once a turn has ended (spec §6.1). Default true. */
  autoDropAnalysis?: boolean;
}

/** Thrown for any format violation: rendering invalid messages, strict parse failures, bad JSON wire input. */
export class HarmonyError extends Error {
  override readonly name = 'HarmonyError';
  constructor(message: string) {
    super(message);
  }
}
