// The final answer. The Markdown renderer (react-markdown, sanitiser, highlighter) is a lazy chunk; until it
// arrives, or if it cannot load (offline before it was cached), the answer shows as plain text, never as HTML.
import { Component, lazy, Suspense, type ReactNode } from 'react';

/** Starts loading the Markdown renderer (ChatLayout does once the first screen is up). */
export const loadMarkdownView = () => import('./MarkdownView');
const MarkdownView = lazy(loadMarkdownView);

export interface FinalAnswerProps {
  text: string;
}

export function FinalAnswer({ text }: FinalAnswerProps) {
  const plain = <div className="plain-answer">{text}</div>;
  return (
    <div className="final-answer">
      <PlainOnError fallback={plain}>
        <Suspense fallback={plain}>
          <MarkdownView text={text} />
        </Suspense>
      </PlainOnError>
    </div>
  );
}

/** A renderer that failed to load or threw shows the plain text instead of taking the page down. */
class PlainOnError extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
