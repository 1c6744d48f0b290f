// The chat as plain data: what the agent loop writes, what the chat store holds (and later persists), what
// the views read. No behaviour here. A conversation is a tree of nodes (user and assistant alternate along
// a path) so that edit-and-resend and regenerate keep the old branch reachable.
import type { EngineErrorCode, GenerationStats } from '../engine/protocol';
import type { Message, ReasoningEffort } from '../harmony/types';

/** Errors the chat adds to the engine's; one shape everywhere: code + message + one fix sentence. */
export type ChatErrorCode =
  | EngineErrorCode
  | 'tool-args' // arguments are not JSON or violate the tool's schema
  | 'tool-unknown' // the model addressed a tool that is not enabled
  | 'tool-timeout'
  | 'tool-failed' // the tool threw
  | 'tool-limit' // too many tool rounds in one turn
  | 'harmony-parse' // the model's output broke the Harmony format (tolerant parsing kept what it could)
  | 'context-full' // the prompt does not fit the model's context length
  | 'storage-quota' // the browser's storage for this site is full: conversations are kept in memory only
  | 'storage-unavailable' // no IndexedDB (private mode, blocked, failed to open): conversations are kept in memory only
  | 'import-invalid' // an import file is not an Overtone export, is damaged, or is too large
  | 'tool-denied' // the person denied a tool call
  | 'tool-invalid'; // a user-defined tool's definition is invalid (name, schema, code)

export interface ChatError {
  code: ChatErrorCode;
  message: string;
  fix: string;
}

export type ToolRunStatus = 'running' | 'ok' | 'error';

/** One tool call the model made in a turn, and what running it gave. */
export interface ToolRun {
  /** Index in `AssistantTurn.messages` of the assistant message that made the call. */
  callIndex: number;
  /** The recipient as the model wrote it, e.g. `functions.calculator`. */
  recipient: string;
  /** The tool's name (recipient without its namespace). */
  tool: string;
  /** The card's human title (the registry's, else the name). */
  title?: string;
  /** The arguments exactly as generated (shown pretty-printed when they are JSON). */
  argsText: string;
  status: ToolRunStatus;
  /** The text sent back to the model as the tool message (for errors: the error text the model reads). */
  output?: string;
  error?: ChatError;
  startedAt: number;
  ms?: number;
}

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

/** Why a turn ended: the engine's reasons plus the chat's own. */
export type StopReason = 'stop' | 'length' | 'abort' | 'tool-limit' | 'error';

export interface TurnStats extends GenerationStats {
  /** Time from send to the first generated token, ms. */
  ttftMs?: number;
  analysisTokens: number;
  finalTokens: number;
  /** Generation rounds in the turn (1 + tool rounds). */
  rounds: number;
  /** The engine's figures per round, in order (round 2+ show the KV cache reuse after a tool result). */
  roundStats?: GenerationStats[];
}

/** The message the model is writing right now (not yet in `messages`). */
export interface StreamingMessage {
  channel?: string;
  recipient?: string;
  contentType?: string;
  text: string;
}

export interface AssistantTurn {
  modelId: string;
  effort: ReasoningEffort;
  /** Finished Harmony messages of the turn in order: assistant messages and the tool results fed back. */
  messages: Message[];
  streaming?: StreamingMessage;
  tools: ToolRun[];
  status: TurnStatus;
  stopReason?: StopReason;
  error?: ChatError;
  /** Tolerant-parser warnings (the model's output was repaired). */
  warnings: string[];
  /** Index in `messages` of a message cut off before its end (stop, length limit or error): shown as partial. */
  interruptedMessage?: number;
  /** Tokens in the model's context after the latest round: the rendered prompt plus all fed and generated ids. */
  contextTokens?: number;
  stats: TurnStats;
  /** Analysis timing for "Thinking…" / "Thought for N s". */
  thinkingStartedAt?: number;
  thinkingEndedAt?: number;
  startedAt: number;
  endedAt?: number;
  /** Token inspector: the exact prompt of the turn's first round (ends with `<|start|>assistant`). */
  promptIds?: number[];
  /** Token inspector: every id after `promptIds` up to the turn's last generated token: the generated ids and,
   *  between tool rounds, the tool results and `<|start|>assistant` the loop fed back (one Harmony stream). */
  completionIds?: number[];
}

export interface UserNode {
  id: string;
  parentId: string;
  role: 'user';
  text: string;
  children: string[];
  /** Index into `children` of the branch shown. */
  activeChild: number;
  createdAt: number;
}

export interface AssistantNode {
  id: string;
  parentId: string;
  role: 'assistant';
  turn: AssistantTurn;
  children: string[];
  activeChild: number;
  createdAt: number;
}

/** The tree's root: holds no message, only the first user messages (several after an edit of the first). */
export interface RootNode {
  id: 'root';
  role: 'root';
  children: string[];
  activeChild: number;
}

export type ChatNode = RootNode | UserNode | AssistantNode;

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  nodes: Record<string, ChatNode>;
}
