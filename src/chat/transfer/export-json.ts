// Conversations -> the Overtone export file (format.ts). Deterministic: fields in a fixed order, nodes in the
// conversation's order, so export -> import -> export gives the same bytes.
import { messageToJson } from '../../harmony/json';
import { activePath, pathMessages } from '../tree';
import { recoverInterrupted } from '../interrupted';
import type { AssistantTurn, ChatError, ChatNode, Conversation, ToolRun, TurnStats } from '../types';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedConversation, type ExportedNode, type ExportedToolRun, type ExportedTurn, type ExportFile } from './format';
import { STAT_FIELDS } from './vocabulary';

const errorOut = (e: ChatError): ChatError => ({ code: e.code, message: e.message, fix: e.fix });

function toolOut(t: ToolRun): ExportedToolRun {
  return {
    callIndex: t.callIndex,
    recipient: t.recipient,
    tool: t.tool,
    argsText: t.argsText,
    status: t.status,
    ...(t.output !== undefined && { output: t.output }),
    ...(t.error !== undefined && { error: errorOut(t.error) }),
    startedAt: t.startedAt,
    ...(t.ms !== undefined && { ms: t.ms }),
  };
}

function turnOut(t: AssistantTurn): ExportedTurn {
  if (t.status === 'streaming') throw new Error('streaming turns are interrupted before export');
  const stats = {} as TurnStats;
  for (const key of Object.keys(STAT_FIELDS) as (keyof typeof STAT_FIELDS)[]) {
    const v = t.stats[key];
    if (v !== undefined) stats[key] = Number.isFinite(v) ? v : 0; // JSON has no NaN/Infinity
  }
  return {
    modelId: t.modelId,
    effort: t.effort,
    status: t.status,
    ...(t.stopReason !== undefined && { stopReason: t.stopReason }),
    ...(t.error !== undefined && { error: errorOut(t.error) }),
    messages: t.messages.map((m) => messageToJson(m)),
    tools: t.tools.map(toolOut),
    warnings: [...t.warnings],
    stats,
    ...(t.thinkingStartedAt !== undefined && { thinkingStartedAt: t.thinkingStartedAt }),
    ...(t.thinkingEndedAt !== undefined && { thinkingEndedAt: t.thinkingEndedAt }),
    startedAt: t.startedAt,
    ...(t.endedAt !== undefined && { endedAt: t.endedAt }),
    ...(t.promptIds !== undefined && { promptIds: [...t.promptIds] }),
    ...(t.completionIds !== undefined && { completionIds: [...t.completionIds] }),
  };
}

function nodeOut(n: Exclude<ChatNode, { role: 'root' }>): ExportedNode {
  const head = { id: n.id, parentId: n.parentId };
  return n.role === 'user'
    ? { ...head, role: 'user', createdAt: n.createdAt, text: n.text, children: [...n.children], activeChild: n.activeChild }
    : { ...head, role: 'assistant', createdAt: n.createdAt, turn: turnOut(n.turn), children: [...n.children], activeChild: n.activeChild };
}

export function exportConversation(conversation: Conversation): ExportedConversation {
  const c = recoverInterrupted(conversation);
  const root = c.nodes.root;
  return {
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    messages: pathMessages(activePath(c)).map((m) => messageToJson(m)),
    tree: {
      root: { children: [...(root?.children ?? [])], activeChild: root?.activeChild ?? 0 },
      nodes: Object.values(c.nodes).flatMap((n) => (n.role === 'root' ? [] : [nodeOut(n)])),
    },
  };
}

/** The export file's text (pretty-printed JSON) for one or many conversations. */
export function exportJson(conversations: readonly Conversation[]): string {
  const file: ExportFile = { format: EXPORT_FORMAT, version: EXPORT_VERSION, conversations: conversations.map(exportConversation) };
  return JSON.stringify(file, null, 2) + '\n';
}

/** A file name for the download: the title's safe characters, or "conversations" for several. */
export function exportFileName(conversations: readonly Conversation[], ext: 'json' | 'txt'): string {
  const base = conversations.length === 1 ? conversations[0]!.title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().replace(/\s+/g, '-').slice(0, 60) : '';
  return `${base || 'conversations'}.overtone.${ext}`;
}
