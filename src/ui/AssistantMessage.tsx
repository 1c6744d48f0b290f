// One assistant reply: its parts in the order they streamed (reasoning, preambles, tool calls, answer), how it
// ended, its figures, and Copy / Regenerate / Inspect tokens / versions once it is finished.
import { useMemo } from 'react';
import { turnParts, type TurnPart } from '../chat/parts';
import type { AssistantTurn } from '../chat/types';
import { AnalysisPanel } from './AnalysisPanel';
import { BranchNav, type BranchNavProps } from './BranchNav';
import { CopyButton } from './CopyButton';
import { FinalAnswer } from './FinalAnswer';
import { ReplyStats } from './ReplyStats';
import { ToolCallCard } from './ToolCallCard';
import { TurnStatusLine } from './TurnStatusLine';

export interface AssistantMessageProps {
  turn: AssistantTurn;
  /** The newest reply of the conversation: a failed or interrupted one gets Retry (others get Regenerate). */
  isLast: boolean;
  /** A new answer to the same message, kept as another version; any finished reply has it. */
  onRegenerate?: () => void;
  onRetry?: () => void;
  /** Opens the token inspector (only for replies that recorded their tokens). */
  onInspect?: () => void;
  /** The user's stored open/closed choice for reasoning panels (undefined: not chosen, collapsed). */
  analysisOpen?: boolean;
  onAnalysisOpenChange?: (open: boolean) => void;
  branch?: BranchNavProps;
}

export function AssistantMessage({ turn, isLast, onRegenerate, onRetry, onInspect, analysisOpen, onAnalysisOpenChange, branch }: AssistantMessageProps) {
  const parts = useMemo(() => turnParts(turn), [turn]);
  const streaming = turn.status === 'streaming';
  const answer = parts
    .filter((p) => p.kind === 'final')
    .map((p) => p.text)
    .join('\n\n');
  const failed = turn.status === 'error' || turn.status === 'interrupted';
  // The newest failed reply is retried in place; any other finished reply can be answered again.
  const retry = isLast && failed ? onRetry : undefined;
  return (
    <div className="msg msg-assistant" aria-busy={streaming}>
      <h2 className="visually-hidden">Assistant said</h2>
      {streaming && parts.length === 0 && <p className="waiting">Reading your message…</p>}
      {parts.map((part) => (
        <Part key={part.key} part={part} analysisOpen={analysisOpen} onAnalysisOpenChange={onAnalysisOpenChange} />
      ))}
      <TurnStatusLine turn={turn} onRetry={retry} />
      {!streaming && (
        <>
          <ReplyStats stats={turn.stats} />
          <div className="msg-actions">
            {answer !== '' && <CopyButton text={answer} label="Copy answer" />}
            {onRegenerate && !retry && (
              <button type="button" onClick={onRegenerate}>
                Regenerate
              </button>
            )}
            {onInspect && turn.promptIds !== undefined && (
              <button type="button" onClick={onInspect}>
                Inspect tokens
              </button>
            )}
            {branch && <BranchNav {...branch} />}
          </div>
        </>
      )}
    </div>
  );
}

interface PartProps {
  part: TurnPart;
  analysisOpen?: boolean;
  onAnalysisOpenChange?: (open: boolean) => void;
}

function Part({ part, analysisOpen, onAnalysisOpenChange }: PartProps) {
  switch (part.kind) {
    case 'analysis':
      return <AnalysisPanel text={part.text} live={part.live} thinkingMs={part.thinkingMs} open={analysisOpen} onOpenChange={onAnalysisOpenChange} />;
    case 'preamble':
      return <p className="preamble">{part.text}</p>;
    case 'tool':
      return <ToolCallCard tool={part.tool} argsText={part.argsText} status={part.status} output={part.output} error={part.error} ms={part.ms} />;
    case 'final':
      return <FinalAnswer text={part.text} />;
  }
}
