// The Overtone export file: a small versioned envelope around openai-harmony JSON. Each conversation carries
// its whole tree (every branch: an export that dropped the ‹ 2/3 › alternatives would lose what the person
// kept on purpose) plus `messages`, the active path as a plain openai-harmony conversation, so other Harmony
// tools can read the shown conversation without knowing our tree. Messages use the openai-harmony wire form
// (src/harmony/json.ts, snake_case); the envelope's own fields are camelCase like the rest of the app.
import type { AssistantNode, AssistantTurn, ToolRun, TurnStatus, UserNode } from '../types';
import type { JsonMessage } from '../../harmony/json';

export const EXPORT_FORMAT = 'overtone.conversations';
export const EXPORT_VERSION = 1;
/** Larger files are refused before they are read: 20 MiB holds thousands of long conversations. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  conversations: ExportedConversation[];
}

export interface ExportedConversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** The active path (what is shown), as an openai-harmony conversation's messages. Must match `tree`. */
  messages: JsonMessage[];
  tree: ExportedTree;
}

export interface ExportedTree {
  /** The first user messages, and which one is shown. */
  root: { children: string[]; activeChild: number };
  /** Every node but the root, in the conversation's order. */
  nodes: ExportedNode[];
}

/** Nodes as stored; an assistant node's turn in the export form. */
export type ExportedNode = UserNode | (Omit<AssistantNode, 'turn'> & { turn: ExportedTurn });

/** AssistantTurn as stored, messages in the wire form. A turn still streaming is exported as interrupted. */
export type ExportedTurn = Omit<AssistantTurn, 'messages' | 'streaming' | 'status'> & {
  status: Exclude<TurnStatus, 'streaming'>;
  messages: JsonMessage[];
};

export type ExportedToolRun = ToolRun;
