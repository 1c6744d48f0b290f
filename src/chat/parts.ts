// What an assistant turn looks like on screen, in order as it streams: reasoning, preambles, tool calls (the
// call joined with its run and its result) and the final answer. Pure and type-only imports, so the start
// page can use it without loading the Harmony runtime (and its 2 MB tokenizer).
import type { Message } from '../harmony/types';
import type { AssistantTurn, ChatError, StreamingMessage, ToolRun, ToolRunStatus } from './types';

/** A tool call whose arguments are still being generated has no run yet: 'writing'. */
export type ToolPartStatus = 'writing' | ToolRunStatus;

interface PartBase {
  /** Stable across streaming: the index in `turn.messages` the part's first message has (or will have). */
  key: string;
  /** The part is still growing (it holds the streaming message). */
  live: boolean;
}

export interface AnalysisPart extends PartBase {
  kind: 'analysis';
  text: string;
  /** Total thinking time of the turn, given to its first analysis part once thinking has ended. */
  thinkingMs?: number;
}

export interface PreamblePart extends PartBase {
  kind: 'preamble';
  text: string;
}

export interface ToolPart extends PartBase {
  kind: 'tool';
  /** The tool's name without its namespace, e.g. `calculator`. */
  tool: string;
  /** The recipient as the model wrote it, e.g. `functions.calculator`. */
  recipient: string;
  argsText: string;
  status: ToolPartStatus;
  /** The result the model reads (the tool message's text, or the run's output). */
  output?: string;
  error?: ChatError;
  ms?: number;
}

export interface FinalPart extends PartBase {
  kind: 'final';
  text: string;
}

export type TurnPart = AnalysisPart | PreamblePart | ToolPart | FinalPart;

/** The display parts of a turn, the streaming message included. */
export function turnParts(turn: AssistantTurn): TurnPart[] {
  const parts: TurnPart[] = [];
  const runs = new Map<number, ToolRun>();
  for (const run of turn.tools) runs.set(run.callIndex, run);
  const answered = new Set<string>();

  turn.messages.forEach((message, index) => {
    if (message.author.role === 'tool') attachResult(parts, answered, message);
    else addMessage(parts, index, message.channel, message.recipient, messageText(message), false, runs.get(index));
  });
  const s = turn.streaming;
  if (s && (s.text !== '' || s.channel !== undefined || s.recipient !== undefined)) {
    const index = turn.messages.length;
    addMessage(parts, index, s.channel, s.recipient, s.text, true, runs.get(index));
  }
  setThinkingTime(parts, turn);
  return parts;
}

/** Plain text of a Harmony message (its text content items, concatenated). */
export function messageText(message: Pick<Message, 'content'>): string {
  let text = '';
  for (const c of message.content) if (c.type === 'text') text += c.text;
  return text;
}

/** `functions.calculator` → `calculator`; a recipient without a namespace is its own name. */
export function toolName(recipient: string): string {
  const dot = recipient.indexOf('.');
  return dot === -1 ? recipient : recipient.slice(dot + 1);
}

function isToolRecipient(recipient: string | undefined): recipient is string {
  return recipient !== undefined && recipient !== '' && recipient !== 'assistant' && recipient !== 'all';
}

function addMessage(
  parts: TurnPart[],
  index: number,
  channel: StreamingMessage['channel'],
  recipient: string | undefined,
  text: string,
  live: boolean,
  run: ToolRun | undefined,
): void {
  const key = `m${index}`;
  if (isToolRecipient(recipient)) {
    parts.push(toolPart(key, recipient, text, live, run));
    return;
  }
  const last = parts[parts.length - 1];
  if (channel === 'analysis') {
    // Consecutive analysis messages read as one train of thought.
    if (last?.kind === 'analysis') parts[parts.length - 1] = { ...last, text: last.text + text, live: live || last.live };
    else parts.push({ kind: 'analysis', key, text, live });
    return;
  }
  if (channel === 'commentary') {
    parts.push({ kind: 'preamble', key, text, live });
    return;
  }
  // 'final', a missing channel (tolerant parsing) or an unknown one: the user should see it as the answer.
  parts.push({ kind: 'final', key, text, live });
}

function toolPart(key: string, recipient: string, argsText: string, live: boolean, run: ToolRun | undefined): ToolPart {
  const part: ToolPart = {
    kind: 'tool',
    key,
    tool: run?.tool ?? toolName(recipient),
    recipient: run?.recipient ?? recipient,
    argsText: run?.argsText ?? argsText,
    status: run?.status ?? 'writing',
    live,
  };
  if (run?.output !== undefined) part.output = run.output;
  if (run?.error) part.error = run.error;
  if (run?.ms !== undefined) part.ms = run.ms;
  return part;
}

/**
 * A tool message answers the latest call to that tool not yet answered; its text is what the model read, so it
 * wins over the run's copy. An orphan result still shows.
 */
function attachResult(parts: TurnPart[], answered: Set<string>, message: Message): void {
  const name = message.author.name ?? '';
  const text = messageText(message);
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (p.kind === 'tool' && !answered.has(p.key) && (p.recipient === name || name === '')) {
      answered.add(p.key);
      parts[i] = { ...p, output: text, status: p.status === 'writing' ? 'ok' : p.status };
      return;
    }
  }
  const key = `r${parts.length}`;
  answered.add(key);
  parts.push({ kind: 'tool', key, tool: toolName(name), recipient: name, argsText: '', status: 'ok', output: text, live: false });
}

function setThinkingTime(parts: TurnPart[], turn: AssistantTurn): void {
  const { thinkingStartedAt: start, thinkingEndedAt: end } = turn;
  if (start === undefined || end === undefined) return;
  const first = parts.findIndex((p) => p.kind === 'analysis');
  const part = parts[first];
  if (part?.kind === 'analysis' && !parts.some((p) => p.kind === 'analysis' && p.live)) {
    parts[first] = { ...part, thinkingMs: Math.max(0, end - start) };
  }
}
