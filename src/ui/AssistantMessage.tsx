// One assistant reply: its parts in the order they streamed (reasoning, preambles, tool calls, answer), how it
// ended, its figures, and Copy / Regenerate / versions once it is finished.
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
  /** The newest reply of the conversation: it gets the Regenerate button (a failed one has Retry instead). */
  isLast: boolean;
  onRegenerate?: () => void;
  onRetry?: () => void;
  /** The user's stored open/closed choice for reasoning panels (undefined: not chosen, collapsed). */
  analysisOpen?: boolean;
  onAnalysisOpenChange?: (open: boolean) => void;
  branch?: BranchNavProps;
}

export function AssistantMessage({ turn, isLast, onRegenerate, onRetry, analysisOpen, onAnalysisOpenChange, branch }: AssistantMessageProps) {
  const parts = useMemo(() => turnParts(turn), [turn]);
  const streaming = turn.status === 'streaming';
  const answer = parts
    .filter((p) => p.kind === 'final')
    .map((p) => p.text)
    .join('\n\n');
  return (
    <div className="msg msg-assistant" aria-busy={streaming}>
      <h2 className="visually-hidden">Assistant said</h2>
      {streaming && parts.length === 0 && <p className="waiting">Reading your message…</p>}
      {parts.map((part) => (
        <Part key={part.key} part={part} analysisOpen={analysisOpen} onAnalysisOpenChange={onAnalysisOpenChange} />
      ))}
      <TurnStatusLine turn={turn} onRetry={onRetry} />
      {!streaming && (
        <>
          <ReplyStats stats={turn.stats} />
          <div className="msg-actions">
            {answer !== '' && <CopyButton text={answer} label="Copy answer" />}
            {isLast && onRegenerate && turn.status !== 'error' && turn.status !== 'interrupted' && (
              <button type="button" onClick={onRegenerate}>
                Regenerate
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
