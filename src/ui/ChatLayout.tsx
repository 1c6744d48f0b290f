// The chat page, all props in and callbacks out: header, the conversation (or, when empty, the model picker
// with example prompts), and the composer with the context meter. Esc stops a reply anywhere on the page;
// a polite live region tells screen readers what the reply is doing (per phase, not per token).
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { turnParts } from '../chat/parts';
import type { ReasoningEffort } from '../harmony/types';
import { turnAnnouncement } from './announce';
import { ChatHeader, type ChatLinks } from './ChatHeader';
import { Composer } from './Composer';
import { loadMarkdownView } from './FinalAnswer';
import { ContextMeter, type ContextMeterProps } from './ContextMeter';
import { MessageList, type MessageListProps } from './MessageList';
import { ModelMenu } from './ModelMenu';
import { ModelPicker, type ModelPickerProps } from './ModelPicker';
import { useStickToBottom } from './useStickToBottom';

/** The conversation's own props pass through to MessageList. */
export interface ChatLayoutProps extends MessageListProps {
  /** A reply is being written. */
  busy: boolean;
  /** A message can be sent now (model ready). */
  canSend: boolean;
  sendDisabledReason?: string;
  effort: ReasoningEffort;
  onEffortChange: (effort: ReasoningEffort) => void;
  onSend: (text: string) => void;
  onStop: () => void;
  onNewChat: () => void;
  /** The model picker's props; its onExample defaults to "send it (or put it in the box while loading)". */
  model: ModelPickerProps;
  context?: ContextMeterProps;
  links?: ChatLinks;
  /** Header buttons before the title (the conversations toggle on phones) and after it (Settings). */
  headerStart?: ReactNode;
  headerEnd?: ReactNode;
  /** Banners above the conversation (storage, import errors, undo). */
  notices?: ReactNode;
  /** Cards waiting for the person (tool approvals, ask-me questions), just above the composer. */
  pending?: ReactNode;
}

export function ChatLayout(props: ChatLayoutProps) {
  const { items, busy, canSend, onSend, onStop } = props;
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);

  const send = (text: string) => {
    onSend(text);
    setDraft('');
    input.current?.focus();
  };
  const pickExample = (prompt: string) => {
    if (canSend && !busy) send(prompt);
    else {
      setDraft(prompt);
      input.current?.focus();
    }
  };
  const model: ModelPickerProps = { ...props.model, onExample: props.model.onExample ?? pickExample };

  useEffect(() => {
    // After first paint: fetch the Markdown renderer so the first answer does not wait for it.
    loadMarkdownView().catch(() => {});
  }, []);

  useEffect(() => {
    if (!busy) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onStop();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, onStop]);

  const last = items[items.length - 1];
  const lastTurn = last?.kind === 'assistant' ? last.turn : undefined;
  const announcement = useMemo(() => (lastTurn ? turnAnnouncement(lastTurn, turnParts(lastTurn)) : ''), [lastTurn]);
  useStickToBottom(lastTurn, items.length);

  const empty = items.length === 0;
  return (
    <div className="chat-layout">
      <ChatHeader onNewChat={props.onNewChat} links={props.links} start={props.headerStart} end={props.headerEnd}>
        {!empty && <ModelMenu {...model} />}
      </ChatHeader>
      <main className="chat-main">
        {props.notices}
        {empty ? (
          <div className="welcome">
            <p className="welcome-lead">Chat with gpt-oss, running entirely in your browser. Nothing you type leaves this device.</p>
            <ModelPicker {...model} />
          </div>
        ) : (
          <MessageList
            items={items}
            onRegenerate={props.onRegenerate}
            onRetry={props.onRetry}
            onBranchChange={props.onBranchChange}
            onEdit={props.onEdit}
            onInspect={props.onInspect}
            analysisOpen={props.analysisOpen}
            onAnalysisOpenChange={props.onAnalysisOpenChange}
          />
        )}
        <div className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </div>
      </main>
      <footer className="chat-footer">
        {props.pending}
        {props.context && <ContextMeter {...props.context} />}
        <Composer
          value={draft}
          onChange={setDraft}
          onSend={send}
          onStop={onStop}
          busy={busy}
          canSend={canSend}
          disabledReason={props.sendDisabledReason}
          effort={props.effort}
          onEffortChange={props.onEffortChange}
          inputRef={input}
        />
      </footer>
    </div>
  );
}
