// The openai-harmony JSON wire form (HARMONY-SPEC §2): flat messages with snake_case fields, as the Python
// and wasm bindings (serde) read and write them. Input is validated; errors name the offending path.
import {
  HarmonyError,
  ROLES,
  type ChannelConfig,
  type Content,
  type DeveloperContent,
  type Message,
  type ReasoningEffort,
  type Role,
  type SystemContent,
  type ToolDescription,
  type ToolNamespaceConfig,
} from './types';

export type JsonContent =
  | { type: 'text'; text: string }
  | ({ type: 'system_content' } & Record<string, unknown>)
  | ({ type: 'developer_content' } & Record<string, unknown>);

export interface JsonMessage {
  role: Role;
  name?: string;
  recipient?: string;
  channel?: string;
  content_type?: string;
  content: string | JsonContent[];
}

type Obj = Record<string, unknown>;
const EFFORTS: Record<string, ReasoningEffort> = { Low: 'low', Medium: 'medium', High: 'high' };
const EFFORT_NAMES: Record<ReasoningEffort, string> = { low: 'Low', medium: 'Medium', high: 'High' };

function fail(path: string, what: string): never {
  throw new HarmonyError(`${path}: ${what}`);
}
function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'expected an object');
  return v as Obj;
}
/** Optional string: absent and null both mean "not set" (serde's Option). */
function optStr(o: Obj, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') fail(`${path}.${key}`, 'expected a string');
  return v;
}
function str(o: Obj, key: string, path: string): string {
  const v = optStr(o, key, path);
  if (v === undefined) fail(`${path}.${key}`, 'missing (a string is required)');
  return v;
}
function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'expected an array');
  return v;
}

function toolFromJson(v: unknown, path: string): ToolDescription {
  const o = obj(v, path);
  const t: ToolDescription = { name: str(o, 'name', path), description: str(o, 'description', path) };
  if (o.parameters !== undefined && o.parameters !== null) t.parameters = obj(o.parameters, `${path}.parameters`);
  return t;
}

function toolsFromJson(v: unknown, path: string): Record<string, ToolNamespaceConfig> {
  const out: Record<string, ToolNamespaceConfig> = {};
  for (const [ns, cfg] of Object.entries(obj(v, path))) {
    const p = `${path}.${ns}`;
    const o = obj(cfg, p);
    const conf: ToolNamespaceConfig = {
      name: str(o, 'name', p),
      tools: arr(o.tools ?? [], `${p}.tools`).map((t, i) => toolFromJson(t, `${p}.tools[${i}]`)),
    };
    const description = optStr(o, 'description', p);
    if (description !== undefined) conf.description = description;
    out[ns] = conf;
  }
  return out;
}

function channelConfigFromJson(v: unknown, path: string): ChannelConfig {
  const o = obj(v, path);
  const valid = arr(o.valid_channels ?? [], `${path}.valid_channels`).map((c, i) =>
    typeof c === 'string' ? c : fail(`${path}.valid_channels[${i}]`, 'expected a string'),
  );
  const required = o.channel_required ?? false;
  if (typeof required !== 'boolean') fail(`${path}.channel_required`, 'expected a boolean');
  return { validChannels: valid, channelRequired: required };
}

function systemFromJson(o: Obj, path: string): SystemContent {
  const s: SystemContent = { type: 'system_content' };
  const identity = optStr(o, 'model_identity', path);
  if (identity !== undefined) s.modelIdentity = identity;
  const effort = optStr(o, 'reasoning_effort', path);
  if (effort !== undefined) {
    const e = EFFORTS[effort];
    if (!e) fail(`${path}.reasoning_effort`, `expected "Low", "Medium" or "High", got ${JSON.stringify(effort)}`);
    s.reasoningEffort = e;
  }
  const cutoff = optStr(o, 'knowledge_cutoff', path);
  if (cutoff !== undefined) s.knowledgeCutoff = cutoff;
  const date = optStr(o, 'conversation_start_date', path);
  if (date !== undefined) s.conversationStartDate = date;
  if (o.channel_config !== undefined && o.channel_config !== null) s.channelConfig = channelConfigFromJson(o.channel_config, `${path}.channel_config`);
  if (o.tools !== undefined && o.tools !== null) s.tools = toolsFromJson(o.tools, `${path}.tools`);
  return s;
}

function developerFromJson(o: Obj, path: string): DeveloperContent {
  const d: DeveloperContent = { type: 'developer_content' };
  const instructions = optStr(o, 'instructions', path);
  if (instructions !== undefined) d.instructions = instructions;
  if (o.tools !== undefined && o.tools !== null) d.tools = toolsFromJson(o.tools, `${path}.tools`);
  return d;
}

function contentFromJson(v: unknown, path: string): Content {
  const o = obj(v, path);
  switch (o.type) {
    case 'text':
      return { type: 'text', text: str(o, 'text', path) };
    case 'system_content':
      return systemFromJson(o, path);
    case 'developer_content':
      return developerFromJson(o, path);
    default:
      return fail(`${path}.type`, `unknown content type ${JSON.stringify(o.type)} (expected text, system_content or developer_content)`);
  }
}

export function messageFromJson(value: unknown, path = 'message'): Message {
  const o = obj(value, path);
  const role = str(o, 'role', path);
  if (!(ROLES as readonly string[]).includes(role)) fail(`${path}.role`, `unknown role ${JSON.stringify(role)}`);
  const content: Content[] =
    typeof o.content === 'string'
      ? [{ type: 'text', text: o.content }]
      : arr(o.content, `${path}.content`).map((c, i) => contentFromJson(c, `${path}.content[${i}]`));
  const m: Message = { author: { role: role as Role }, content };
  const name = optStr(o, 'name', path);
  if (name !== undefined) m.author.name = name;
  const recipient = optStr(o, 'recipient', path);
  if (recipient !== undefined) m.recipient = recipient;
  const channel = optStr(o, 'channel', path);
  if (channel !== undefined) m.channel = channel;
  const contentType = optStr(o, 'content_type', path);
  if (contentType !== undefined) m.contentType = contentType;
  return m;
}

function toolsToJson(tools: Record<string, ToolNamespaceConfig>): Obj {
  const out: Obj = {};
  for (const [ns, cfg] of Object.entries(tools)) {
    const o: Obj = { name: cfg.name };
    if (cfg.description !== undefined) o.description = cfg.description;
    o.tools = cfg.tools.map((t) => (t.parameters === undefined ? { name: t.name, description: t.description } : { ...t }));
    out[ns] = o;
  }
  return out;
}

function contentToJson(c: Content): JsonContent {
  if (c.type === 'text') return { type: 'text', text: c.text };
  if (c.type === 'system_content') {
    const o: JsonContent = { type: 'system_content' };
    if (c.modelIdentity !== undefined) o.model_identity = c.modelIdentity;
    if (c.reasoningEffort !== undefined) o.reasoning_effort = EFFORT_NAMES[c.reasoningEffort];
    if (c.conversationStartDate !== undefined) o.conversation_start_date = c.conversationStartDate;
    if (c.knowledgeCutoff !== undefined) o.knowledge_cutoff = c.knowledgeCutoff;
    if (c.channelConfig !== undefined) {
      o.channel_config = { valid_channels: [...c.channelConfig.validChannels], channel_required: c.channelConfig.channelRequired };
    }
    if (c.tools !== undefined) o.tools = toolsToJson(c.tools);
    return o;
  }
  const o: JsonContent = { type: 'developer_content' };
  if (c.instructions !== undefined) o.instructions = c.instructions;
  if (c.tools !== undefined) o.tools = toolsToJson(c.tools);
  return o;
}

export interface ToJsonOptions {
  /** serde writes a lone text content as a plain string; the CLI protocol always writes the array form. */
  textAsString?: boolean;
}

export function messageToJson(m: Message, opts: ToJsonOptions = {}): JsonMessage {
  // Key order as serde writes it: role, name, recipient, content, channel, content_type.
  const only = m.content.length === 1 ? m.content[0] : undefined;
  const out: JsonMessage = { role: m.author.role } as JsonMessage;
  if (m.author.name !== undefined) out.name = m.author.name;
  if (m.recipient !== undefined) out.recipient = m.recipient;
  out.content = opts.textAsString && only?.type === 'text' ? only.text : m.content.map(contentToJson);
  if (m.channel !== undefined) out.channel = m.channel;
  if (m.contentType !== undefined) out.content_type = m.contentType;
  return out;
}

export function conversationFromJson(value: unknown): Message[] {
  const o = obj(value, 'conversation');
  return arr(o.messages, 'conversation.messages').map((m, i) => messageFromJson(m, `conversation.messages[${i}]`));
}

export function conversationToJson(messages: readonly Message[], opts: ToJsonOptions = {}): { messages: JsonMessage[] } {
  return { messages: messages.map((m) => messageToJson(m, opts)) };
}
