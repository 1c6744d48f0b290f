// What the screen reader's live region says about the reply being written: one phrase per phase (reading,
// thinking, calling a tool, answering, finished…), never the tokens themselves.
import type { TurnPart } from '../chat/parts';
import type { AssistantTurn } from '../chat/types';

export function turnAnnouncement(turn: AssistantTurn, parts: readonly TurnPart[]): string {
  switch (turn.status) {
    case 'done':
      return 'Reply finished.';
    case 'stopped':
      return 'Reply stopped.';
    case 'interrupted':
      return 'Reply interrupted.';
    case 'error':
      return `Reply failed: ${turn.error?.message ?? 'unknown error'}`;
    case 'streaming': {
      const last = parts[parts.length - 1];
      if (!last) return 'Reading your message…';
      if (last.kind === 'analysis') return last.live ? 'Thinking…' : 'Working…';
      if (last.kind === 'tool') return last.status === 'error' ? `Tool ${last.tool} failed.` : `Using the tool ${last.tool}…`;
      return 'Writing the answer…';
    }
  }
}
