// After a reload or a tab crash: a turn still 'streaming' in storage was cut off. It becomes 'interrupted' and
// keeps every token that was saved: the half-written message joins the turn's messages (so it renders and is
// sent back to the model like a stopped reply), a tool that was running is marked as cut off.
import type { AssistantTurn, Conversation } from './types';
import type { Message } from '../harmony/types';

function partialMessage(turn: AssistantTurn): Message | undefined {
  const s = turn.streaming;
  if (!s || s.text === '') return undefined;
  const m: Message = { author: { role: 'assistant' }, content: [{ type: 'text', text: s.text }] };
  if (s.channel !== undefined) m.channel = s.channel;
  if (s.contentType !== undefined) m.contentType = s.contentType;
  // A half-written tool call was never made: kept as text on its channel, not as a call (no recipient).
  return m;
}

export function interruptTurn(turn: AssistantTurn, at: number): AssistantTurn {
  if (turn.status !== 'streaming') return turn;
  const partial = partialMessage(turn);
  const warnings = [...turn.warnings];
  if (partial && turn.streaming?.recipient) warnings.push(`interrupted while writing a call to ${turn.streaming.recipient}; the call was not made`);
  const { streaming: _dropped, ...rest } = turn;
  return {
    ...rest,
    messages: partial ? [...turn.messages, partial] : turn.messages,
    tools: turn.tools.map((t) =>
      t.status === 'running'
        ? { ...t, status: 'error', error: { code: 'tool-failed', message: 'The page closed while this tool was running.', fix: 'Regenerate the reply to run it again.' } }
        : t,
    ),
    warnings,
    status: 'interrupted',
    stopReason: 'abort',
    endedAt: turn.endedAt ?? at,
  };
}

/** The conversation with every streaming turn interrupted (the same object when there was none). */
export function recoverInterrupted(c: Conversation): Conversation {
  let changed = false;
  const nodes: Conversation['nodes'] = {};
  for (const [id, node] of Object.entries(c.nodes)) {
    if (node.role === 'assistant' && node.turn.status === 'streaming') {
      nodes[id] = { ...node, turn: interruptTurn(node.turn, c.updatedAt) };
      changed = true;
    } else {
      nodes[id] = node;
    }
  }
  return changed ? { ...c, nodes } : c;
}
