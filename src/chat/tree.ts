// Pure functions over the conversation tree (types.ts). Every function returns a new Conversation and
// leaves its input untouched, so the store can hand snapshots to React. Ids come from the caller.
import type { Message } from '../harmony/types';
import type { AssistantNode, AssistantTurn, ChatNode, Conversation, UserNode } from './types';

export const ROOT_ID = 'root';
const TITLE_MAX = 60;

export function newConversation(id: string, now: number): Conversation {
  return { id, title: '', createdAt: now, updatedAt: now, nodes: { [ROOT_ID]: { id: ROOT_ID, role: 'root', children: [], activeChild: 0 } } };
}

function node(c: Conversation, id: string): ChatNode {
  const n = c.nodes[id];
  if (!n) throw new Error(`No node ${id} in conversation ${c.id}`);
  return n;
}

/** The messages shown: from the root down through each node's active child. */
export function activePath(c: Conversation): (UserNode | AssistantNode)[] {
  const path: (UserNode | AssistantNode)[] = [];
  const seen = new Set<string>();
  let n = node(c, ROOT_ID);
  for (;;) {
    const next = n.children[n.activeChild];
    if (next === undefined || seen.has(next)) return path; // a damaged tree ends the path, never loops
    seen.add(next);
    n = node(c, next);
    if (n.role === 'root') return path;
    path.push(n);
  }
}

/** The Harmony messages of a path: each user text, then each turn's messages. */
export function pathMessages(path: readonly (UserNode | AssistantNode)[]): Message[] {
  return path.flatMap((n): Message[] => (n.role === 'user' ? [{ author: { role: 'user' }, content: [{ type: 'text', text: n.text }] }] : n.turn.messages));
}

/** The last node of the active path (the root for an empty chat). */
export function lastNode(c: Conversation): ChatNode {
  return activePath(c).at(-1) ?? node(c, ROOT_ID);
}

/** Adds `child` under `parentId` and makes it the shown branch. */
function attach(c: Conversation, parentId: string, child: UserNode | AssistantNode, now: number): Conversation {
  const parent = node(c, parentId);
  const children = [...parent.children, child.id];
  return {
    ...c,
    updatedAt: now,
    nodes: { ...c.nodes, [parentId]: { ...parent, children, activeChild: children.length - 1 }, [child.id]: child },
  };
}

/** A user message under `parentId` (the root or an assistant node). Also titles an untitled chat. */
export function appendUser(c: Conversation, parentId: string, text: string, id: string, now: number): Conversation {
  const parent = node(c, parentId);
  if (parent.role === 'user') throw new Error('A user message must follow the root or an assistant turn.');
  const next = attach(c, parentId, { id, parentId, role: 'user', text, children: [], activeChild: 0, createdAt: now }, now);
  return next.title === '' ? { ...next, title: titleFromText(text) } : next;
}

/** An assistant turn under a user node; a second one is a new branch (regenerate). */
export function appendAssistant(c: Conversation, userId: string, turn: AssistantTurn, id: string, now: number): Conversation {
  if (node(c, userId).role !== 'user') throw new Error('An assistant turn must follow a user message.');
  return attach(c, userId, { id, parentId: userId, role: 'assistant', turn, children: [], activeChild: 0, createdAt: now }, now);
}

/** Edit-and-resend: the edited text becomes a sibling of the user node (the old branch stays reachable). */
export function branchUser(c: Conversation, userId: string, text: string, id: string, now: number): Conversation {
  const old = node(c, userId);
  if (old.role !== 'user') throw new Error(`Node ${userId} is not a user message.`);
  return appendUser(c, old.parentId, text, id, now);
}

export function replaceTurn(c: Conversation, assistantId: string, turn: AssistantTurn, now: number): Conversation {
  const n = node(c, assistantId);
  if (n.role !== 'assistant') throw new Error(`Node ${assistantId} is not an assistant turn.`);
  return { ...c, updatedAt: now, nodes: { ...c.nodes, [assistantId]: { ...n, turn } } };
}

/** Position of a node among its siblings, for "2 / 3" arrows. */
export function branchInfo(c: Conversation, nodeId: string): { index: number; count: number } {
  const n = node(c, nodeId);
  if (n.role === 'root') return { index: 0, count: 1 };
  const siblings = node(c, n.parentId).children;
  return { index: siblings.indexOf(nodeId), count: siblings.length };
}

/** Shows sibling number `index` of `nodeId` instead of it (each branch remembers its own active children). */
export function switchBranch(c: Conversation, nodeId: string, index: number): Conversation {
  const n = node(c, nodeId);
  if (n.role === 'root') return c;
  const parent = node(c, n.parentId);
  if (!Number.isInteger(index) || index < 0 || index >= parent.children.length) return c;
  return { ...c, nodes: { ...c.nodes, [parent.id]: { ...parent, activeChild: index } } };
}

/** A chat's title: the first line of its first message, whitespace collapsed, at most 60 characters. */
export function titleFromText(text: string): string {
  const line = text.trim().split('\n')[0]!.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= TITLE_MAX ? line : chars.slice(0, TITLE_MAX - 1).join('').trimEnd() + '…';
}
