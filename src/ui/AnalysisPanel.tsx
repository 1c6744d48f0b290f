// The model's reasoning (analysis channel): collapsed by default, with a live one-line tail while it thinks.
// Open/closed can be controlled (the user's stored choice) or left to the panel.
import { useId, useState } from 'react';
import { CopyButton } from './CopyButton';

export interface AnalysisPanelProps {
  text: string;
  /** Still thinking: the header says "Thinking…" and the tail follows the text. */
  live: boolean;
  /** Thinking time, once known. */
  thinkingMs?: number;
  /** The user's choice; undefined = not chosen (collapsed). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** "Thinking…", "Thought briefly" (under 2 s), "Thought for N s", or "Thought" when the time is unknown. */
export function analysisHeader(live: boolean, thinkingMs: number | undefined): string {
  if (live) return 'Thinking…';
  if (thinkingMs === undefined) return 'Thought';
  if (thinkingMs < 2_000) return 'Thought briefly';
  return `Thought for ${Math.round(thinkingMs / 1_000)} s`;
}

/** The end of the last non-empty line (at most `max` characters): what the model is thinking right now. */
export function lastLine(text: string, max = 240): string {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(Math.max(start, end - max), end).trim();
    if (line !== '') return line;
    end = start - 1;
  }
  return '';
}

export function AnalysisPanel({ text, live, thinkingMs, open, onOpenChange }: AnalysisPanelProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const isOpen = open ?? ownOpen;
  const bodyId = useId();
  const toggle = () => {
    setOwnOpen(!isOpen);
    onOpenChange?.(!isOpen);
  };
  const tail = live && !isOpen ? lastLine(text) : '';
  return (
    <div className={`analysis-panel${live ? ' live' : ''}`}>
      <div className="analysis-header">
        <button type="button" className="analysis-toggle" aria-expanded={isOpen} aria-controls={bodyId} onClick={toggle}>
          <span className="chevron" aria-hidden="true">
            {isOpen ? '▾' : '▸'}
          </span>
          {analysisHeader(live, thinkingMs)}
        </button>
        {isOpen && text !== '' && <CopyButton text={text} label="Copy reasoning" />}
      </div>
      {tail !== '' && (
        // A glance at the current thought; the full text is one click away, screen readers get the live status.
        <div className="analysis-tail" aria-hidden="true">
          <span>{tail}</span>
        </div>
      )}
      <div id={bodyId} className="analysis-body" hidden={!isOpen}>
        {isOpen && text}
      </div>
    </div>
  );
}
