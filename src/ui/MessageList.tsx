// The conversation along the branch shown: user messages and assistant replies, oldest first.
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
  analysisOpen?: boolean;
  onAnalysisOpenChange?: (open: boolean) => void;
}

export function MessageList({ items, onRegenerate, onRetry, onBranchChange, analysisOpen, onAnalysisOpenChange }: MessageListProps) {
  const lastAssistant = items.findLastIndex((i) => i.kind === 'assistant');
  const branchOf = (item: ChatItem): BranchNavProps | undefined =>
    item.branch && onBranchChange
      ? {
          index: item.branch.index,
          count: item.branch.count,
          onPrev: () => onBranchChange(item.id, item.branch!.index - 1),
          onNext: () => onBranchChange(item.id, item.branch!.index + 1),
        }
      : undefined;
  return (
    <ol className="messages" aria-label="Conversation">
      {items.map((item, i) => (
        <li key={item.id}>
          {item.kind === 'user' ? (
            <UserMessage text={item.text} branch={branchOf(item)} />
          ) : (
            <AssistantMessage
              turn={item.turn}
              isLast={i === lastAssistant}
              onRegenerate={() => onRegenerate(item.id)}
              onRetry={() => onRetry(item.id)}
              analysisOpen={analysisOpen}
              onAnalysisOpenChange={onAnalysisOpenChange}
              branch={branchOf(item)}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
