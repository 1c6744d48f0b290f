// The conversation along the branch shown: user messages and assistant replies, oldest first.
import { memo } from 'react';
import type { AssistantTurn } from '../chat/types';
import { AssistantMessage } from './AssistantMessage';
import type { BranchNavProps } from './BranchNav';
import { UserMessage } from './UserMessage';

export interface BranchPosition {
  /** 0-based index of this node among its siblings. */
  index: number;
  count: number;
}

export type ChatItem =
  | { kind: 'user'; id: string; text: string; branch?: BranchPosition }
  | { kind: 'assistant'; id: string; turn: AssistantTurn; branch?: BranchPosition };

export interface MessageListProps {
  items: readonly ChatItem[];
  onRegenerate: (assistantId: string) => void;
  onRetry: (assistantId: string) => void;
  /** Show sibling `index` of node `nodeId` (a version of an edited or regenerated message). */
  onBranchChange?: (nodeId: string, index: number) => void;
  /** Resend user message `userId` with new text (a new version of it). */
  onEdit?: (userId: string, text: string) => void;
  /** Open the token inspector for a reply. */
  onInspect?: (assistantId: string) => void;
  analysisOpen?: boolean;
  onAnalysisOpenChange?: (open: boolean) => void;
}

export function MessageList({ items, ...handlers }: MessageListProps) {
  const lastAssistant = items.findLastIndex((i) => i.kind === 'assistant');
  return (
    <ol className="messages" aria-label="Conversation">
      {items.map((item, i) => (
        <li key={item.id}>
          <MessageRow item={item} isLast={i === lastAssistant} {...handlers} />
        </li>
      ))}
    </ol>
  );
}

type RowProps = Omit<MessageListProps, 'items'> & { item: ChatItem; isLast: boolean };

/** Rows re-render only when their own message changed: a streaming reply does not re-render the others. */
const MessageRow = memo(function MessageRow({ item, isLast, onRegenerate, onRetry, onBranchChange, onEdit, onInspect, analysisOpen, onAnalysisOpenChange }: RowProps) {
  const branch: BranchNavProps | undefined =
    item.branch && onBranchChange
      ? { index: item.branch.index, count: item.branch.count, onPrev: () => onBranchChange(item.id, item.branch!.index - 1), onNext: () => onBranchChange(item.id, item.branch!.index + 1) }
      : undefined;
  if (item.kind === 'user') return <UserMessage text={item.text} branch={branch} {...(onEdit ? { onEdit: (text: string) => onEdit(item.id, text) } : {})} />;
  return (
    <AssistantMessage
      turn={item.turn}
      isLast={isLast}
      onRegenerate={() => onRegenerate(item.id)}
      onRetry={() => onRetry(item.id)}
      {...(onInspect ? { onInspect: () => onInspect(item.id) } : {})}
      analysisOpen={analysisOpen}
      onAnalysisOpenChange={onAnalysisOpenChange}
      branch={branch}
    />
  );
}, sameRow);

function sameRow(a: RowProps, b: RowProps): boolean {
  const x = a.item;
  const y = b.item;
  return (
    x.id === y.id &&
    (x.kind === 'user' ? y.kind === 'user' && x.text === y.text : y.kind === 'assistant' && x.turn === y.turn) &&
    x.branch?.index === y.branch?.index &&
    x.branch?.count === y.branch?.count &&
    a.isLast === b.isLast &&
    a.onRegenerate === b.onRegenerate &&
    a.onRetry === b.onRetry &&
    a.onBranchChange === b.onBranchChange &&
    a.onEdit === b.onEdit &&
    a.onInspect === b.onInspect &&
    a.analysisOpen === b.analysisOpen &&
    a.onAnalysisOpenChange === b.onAnalysisOpenChange
  );
}
