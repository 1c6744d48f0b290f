// Rendering messages and conversations to o200k_harmony ids (HARMONY-SPEC §3–§6). Every text piece is
// encoded separately with ordinary BPE, exactly where the reference splits, so the ids are byte-exact.
import { encodeOrdinary, SPECIAL } from './encoding';
import { schemaToTypeScript } from './schema';
import {
  HarmonyError,
  type Content,
  type DeveloperContent,
  type Message,
  type RenderConfig,
  type Role,
  type SystemContent,
  type ToolNamespaceConfig,
} from './types';

const CONSTRAIN = '<|constrain|>';

/** Rust `str::lines`: split on \n, strip one trailing \r, no final empty line, "" has no lines. */
function lines(s: string): string[] {
  if (s === '') return [];
  const out = s.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (s.endsWith('\n')) out.pop();
  return out;
}

/** Byte-wise (UTF-8) order = code point order; JS's default sort compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** The `# Tools` section shared by system and developer messages (§5.3). */
export function renderToolsSection(tools: Record<string, ToolNamespaceConfig>): string {
  let section = '# Tools';
  for (const key of Object.keys(tools).sort(compareCodePoints)) {
    const ns = tools[key]!;
    const hasTools = ns.tools.length > 0;
    const out = [`## ${ns.name}\n`];
    if (ns.description !== undefined) for (const l of lines(ns.description)) out.push(hasTools ? `// ${l}` : l);
    if (hasTools) {
      out.push(`namespace ${ns.name} {\n`);
      for (const tool of ns.tools) {
        for (const l of lines(tool.description)) out.push(`// ${l}`);
        out.push(
          tool.parameters !== undefined
            ? `type ${tool.name} = (_: ${schemaToTypeScript(tool.parameters, '')}) => any;\n`
            : `type ${tool.name} = () => any;\n`,
        );
      }
      out.push(`} // namespace ${ns.name}`);
    }
    section += '\n\n' + out.join('\n');
  }
  return section;
}

const hasAnyTools = (t: Record<string, ToolNamespaceConfig> | undefined): t is Record<string, ToolNamespaceConfig> =>
  t !== undefined && Object.keys(t).length > 0;

export function renderSystemBody(c: SystemContent, conversationHasFunctionTools: boolean): string {
  const sections: string[] = [];
  const top: string[] = [];
  if (c.modelIdentity !== undefined) top.push(c.modelIdentity);
  if (c.knowledgeCutoff !== undefined) top.push(`Knowledge cutoff: ${c.knowledgeCutoff}`);
  if (c.conversationStartDate !== undefined) top.push(`Current date: ${c.conversationStartDate}`);
  if (top.length > 0) sections.push(top.join('\n'));
  if (c.reasoningEffort !== undefined) sections.push(`Reasoning: ${c.reasoningEffort}`);
  if (hasAnyTools(c.tools)) sections.push(renderToolsSection(c.tools));
  if (c.channelConfig && c.channelConfig.validChannels.length > 0) {
    let ch = `# Valid channels: ${c.channelConfig.validChannels.join(', ')}.`;
    if (c.channelConfig.channelRequired) ch += ' Channel must be included for every message.';
    if (conversationHasFunctionTools) ch += "\nCalls to these tools must go to the commentary channel: 'functions'.";
    sections.push(ch);
  }
  return sections.join('\n\n');
}

export function renderDeveloperBody(c: DeveloperContent): string {
  const sections: string[] = [];
  if (c.instructions !== undefined) sections.push('# Instructions', c.instructions);
  if (hasAnyTools(c.tools)) sections.push(renderToolsSection(c.tools));
  return sections.join('\n\n');
}

const capitalized = (r: Role): string => r[0]!.toUpperCase() + r.slice(1);

function contentText(c: Content, role: Role, hasFunctionTools: boolean): string {
  switch (c.type) {
    case 'text':
      return c.text;
    case 'system_content':
      if (role !== 'system') throw new HarmonyError(`SystemContent may only appear in system messages, found in ${capitalized(role)}`);
      return renderSystemBody(c, hasFunctionTools);
    case 'developer_content':
      if (role !== 'developer') throw new HarmonyError(`DeveloperContent may only appear in developer messages, found in ${capitalized(role)}`);
      return renderDeveloperBody(c);
  }
}

function pushText(out: number[], text: string): void {
  for (const id of encodeOrdinary(text)) out.push(id);
}

function renderInto(out: number[], m: Message, hasFunctionTools: boolean): void {
  const role = m.author.role;
  out.push(SPECIAL.start);
  if (role === 'tool') {
    if (m.author.name === undefined) throw new HarmonyError('Tools should have a name!');
    pushText(out, m.author.name);
  } else {
    pushText(out, role);
    if (m.author.name !== undefined) pushText(out, ':' + m.author.name);
  }
  if (m.recipient !== undefined && m.recipient !== 'all') pushText(out, ' to=' + m.recipient);
  if (m.channel !== undefined) {
    out.push(SPECIAL.channel);
    pushText(out, m.channel);
  }
  if (m.contentType !== undefined) {
    if (m.contentType.startsWith(CONSTRAIN)) {
      pushText(out, ' ');
      out.push(SPECIAL.constrain);
      const rest = m.contentType.slice(CONSTRAIN.length);
      if (rest !== '') pushText(out, rest);
    } else {
      pushText(out, ' ' + m.contentType);
    }
  }
  out.push(SPECIAL.message);
  for (const c of m.content) pushText(out, contentText(c, role, hasFunctionTools));
  out.push(role === 'assistant' && m.recipient !== undefined ? SPECIAL.call : SPECIAL.end);
}

/** One message. The system "functions" line needs the conversation's view, hence the option. */
export function renderMessage(m: Message, opts: { conversationHasFunctionTools?: boolean } = {}): number[] {
  const out: number[] = [];
  renderInto(out, m, opts.conversationHasFunctionTools ?? false);
  return out;
}

/** §4.4: a developer message declares a non-empty `functions` namespace. */
export function conversationHasFunctionTools(messages: readonly Message[]): boolean {
  return messages.some((m) => m.content.some((c) => c.type === 'developer_content' && (c.tools?.functions?.tools.length ?? 0) > 0));
}

/** §6.1, exactly: once the last assistant message is a final answer, analysis before the FIRST final goes. */
export function dropAnalysis(messages: readonly Message[]): readonly Message[] {
  let lastAssistant = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.author.role === 'assistant') {
      lastAssistant = i;
      break;
    }
  }
  if (lastAssistant < 0 || messages[lastAssistant]!.channel !== 'final') return messages;
  const firstFinal = messages.findIndex((m) => m.channel === 'final');
  return messages.filter((m, i) => !(m.channel === 'analysis' && i < firstFinal));
}

export function renderConversation(messages: readonly Message[], config: RenderConfig = {}): number[] {
  const hasFunctions = conversationHasFunctionTools(messages);
  const kept = (config.autoDropAnalysis ?? true) ? dropAnalysis(messages) : messages;
  const out: number[] = [];
  for (const m of kept) renderInto(out, m, hasFunctions);
  return out;
}

/** The prompt for the next message: the conversation, then `<|start|>{role}`. */
export function renderConversationForCompletion(messages: readonly Message[], nextRole: Role, config: RenderConfig = {}): number[] {
  const out = renderConversation(messages, config);
  out.push(SPECIAL.start);
  pushText(out, nextRole);
  return out;
}

/** Training targets: a trailing assistant final answer ends with `<|return|>` instead of `<|end|>`. */
export function renderConversationForTraining(messages: readonly Message[], config: RenderConfig = {}): number[] {
  const out = renderConversation(messages, config);
  const last = messages[messages.length - 1];
  if (last && last.author.role === 'assistant' && last.channel === 'final' && out.length > 0) out[out.length - 1] = SPECIAL.return;
  return out;
}
