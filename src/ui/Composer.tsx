// Where the user writes: Enter sends, Shift+Enter starts a new line, Esc stops a reply being written.
// Typing works at any time (also while the model loads); only sending waits for `canSend`.
import { useId, type KeyboardEvent, type Ref } from 'react';
import type { ReasoningEffort } from '../harmony/types';

export interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  /** Called with the text to send (never blank); the owner clears `value`. */
  onSend: (text: string) => void;
  onStop: () => void;
  /** A reply is being written: Stop replaces Send. */
  busy: boolean;
  /** Whether a message can be sent now (model ready). */
  canSend: boolean;
  /** Why sending is not possible yet, shown under the box, e.g. "Loading the model… 42 %". */
  disabledReason?: string;
  effort: ReasoningEffort;
  onEffortChange: (effort: ReasoningEffort) => void;
  /** Lets the owner focus the box (after an example prompt, after Send). */
  inputRef?: Ref<HTMLTextAreaElement>;
}

const EFFORTS: { value: ReasoningEffort; label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
];

export function Composer({ value, onChange, onSend, onStop, busy, canSend, disabledReason, effort, onEffortChange, inputRef }: ComposerProps) {
  const reasonId = useId();
  const effortId = useId();
  const sendable = canSend && !busy && value.trim() !== '';
  const send = () => {
    if (sendable) onSend(value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape' && busy) {
      e.preventDefault();
      e.stopPropagation(); // the layout's page-wide Esc must not stop a second time
      onStop();
    }
  };
  const showReason = !canSend && disabledReason !== undefined;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={inputRef}
        className="composer-input"
        aria-label="Message"
        aria-describedby={showReason ? reasonId : undefined}
        placeholder="Ask anything — Enter sends, Shift+Enter for a new line"
        rows={2}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {showReason && (
        <p id={reasonId} className="composer-reason">
          {disabledReason}
        </p>
      )}
      <div className="composer-bar">
        <span className="effort">
          <label htmlFor={effortId}>Reasoning effort</label>
          <select id={effortId} value={effort} onChange={(e) => onEffortChange(e.target.value as ReasoningEffort)}>
            {EFFORTS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </span>
        {busy ? (
          <button type="button" className="stop-button" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="send-button" disabled={!sendable}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
