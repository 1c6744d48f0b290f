// Branch operations on the conversation tree (issue 9 §2), pure and immutable: edit-and-resend adds a sibling
// user node, regenerate a sibling assistant node, the ‹ 2/3 › arrows move a parent's activeChild. The old
// branch always stays in the tree. (tree.ts of the chat core appends along the active path; these only add
// siblings and switch.)
import type { AssistantNode, AssistantTurn, ChatNode, Conversation, UserNode } from './types';
import type { Message } from '../harmony/types';

export type PathNode = UserNode | AssistantNode;

/** The nodes shown, root excluded: following every activeChild from the root. */
export function activePath(c: Conversation): PathNode[] {
  const out: PathNode[] = [];
  const seen = new Set<string>();
  let node: ChatNode | undefined = c.nodes.root;
  while (node && node.children.length > 0) {
    const next: ChatNode | undefined = c.nodes[node.children[node.activeChild] ?? node.children[0]!];
    if (!next || next.role === 'root' || seen.has(next.id)) break; // a damaged tree ends the path, never loops
    seen.add(next.id);
    out.push(next);
    node = next;
  }
  return out;
}

/** The Harmony messages of a path: each user text, then each turn's messages. */
export function pathMessages(path: readonly PathNode[]): Message[] {
  return path.flatMap((n): Message[] => (n.role === 'user' ? [{ author: { role: 'user' }, content: [{ type: 'text', text: n.text }] }] : n.turn.messages));
}

function withChildAdded(c: Conversation, parentId: string, child: UserNode | AssistantNode, now: number): Conversation {
  const parent = c.nodes[parentId];
  if (!parent) throw new Error(`no node ${parentId} in conversation ${c.id}`);
  if (c.nodes[child.id]) throw new Error(`node id ${child.id} is already used`);
  const children = [...parent.children, child.id];
  return {
    ...c,
    updatedAt: now,
    nodes: { ...c.nodes, [parentId]: { ...parent, children, activeChild: children.length - 1 }, [child.id]: child },
  };
}

function nodeOf<R extends PathNode['role']>(c: Conversation, id: string, role: R): Extract<PathNode, { role: R }> {
  const n = c.nodes[id];
  if (!n || n.role !== role) throw new Error(`${id} is not ${role === 'assistant' ? 'an' : 'a'} ${role} node of conversation ${c.id}`);
  return n as Extract<PathNode, { role: R }>;
}

/** Edit a user message and resend: a new sibling user node with `text`, made the active branch. */
export function editUserMessage(c: Conversation, userNodeId: string, text: string, newId: string, now: number): Conversation {
  const old = nodeOf(c, userNodeId, 'user');
  const node: UserNode = { id: newId, parentId: old.parentId, role: 'user', text, children: [], activeChild: 0, createdAt: now };
  return withChildAdded(c, old.parentId, node, now);
}

/** Regenerate a reply: a new sibling assistant node holding `turn` (usually a fresh streaming turn). */
export function regenerateReply(c: Conversation, assistantNodeId: string, turn: AssistantTurn, newId: string, now: number): Conversation {
  const old = nodeOf(c, assistantNodeId, 'assistant');
  const node: AssistantNode = { id: newId, parentId: old.parentId, role: 'assistant', turn, children: [], activeChild: 0, createdAt: now };
  return withChildAdded(c, old.parentId, node, now);
}

export interface BranchPosition {
  /** 0-based index among its siblings. */
  index: number;
  count: number;
}

/** Where a node sits among its siblings (‹ index+1 / count ›). */
export function branchPosition(c: Conversation, nodeId: string): BranchPosition {
  const n = c.nodes[nodeId];
  if (!n || n.role === 'root') return { index: 0, count: 1 };
  const siblings = c.nodes[n.parentId]?.children ?? [nodeId];
  return { index: Math.max(0, siblings.indexOf(nodeId)), count: siblings.length };
}

/** Show the sibling `delta` steps away (clamped): the ‹ › arrows. The same object when nothing moves. */
export function switchBranch(c: Conversation, nodeId: string, delta: number): Conversation {
  const n = c.nodes[nodeId];
  if (!n || n.role === 'root') return c;
  const parent = c.nodes[n.parentId];
  if (!parent) return c;
  const from = parent.children.indexOf(nodeId);
  const to = Math.min(parent.children.length - 1, Math.max(0, from + delta));
  if (from < 0 || to === from) return c;
  return { ...c, nodes: { ...c.nodes, [parent.id]: { ...parent, activeChild: to } } };
}
