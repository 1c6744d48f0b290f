// What the user wrote, as text (never HTML), line breaks kept. Edit opens the text in place; Send makes the
// edited text a new version of the message (the old one stays reachable with ‹ 1/2 ›) and answers it.
import { useState } from 'react';
import { BranchNav, type BranchNavProps } from './BranchNav';

export interface UserMessageProps {
  text: string;
  branch?: BranchNavProps;
  /** Resend the message with this text as a new branch; without it the message cannot be edited. */
  onEdit?: (text: string) => void;
}

export function UserMessage({ text, branch, onEdit }: UserMessageProps) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null && onEdit) {
    const send = () => {
      if (draft.trim() === '') return;
      setDraft(null);
      onEdit(draft);
    };
    return (
      <div className="msg msg-user">
        <h2 className="visually-hidden">You said</h2>
        <form
          className="user-edit"
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          <textarea
            aria-label="Edit message"
            value={draft}
            rows={Math.min(8, draft.split('\n').length + 1)}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setDraft(null);
              }
            }}
          />
          <div className="msg-actions">
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="submit" className="send-button" disabled={draft.trim() === ''}>
              Send
            </button>
          </div>
        </form>
      </div>
    );
  }
  return (
    <div className="msg msg-user">
      <h2 className="visually-hidden">You said</h2>
      <div className="user-text">{text}</div>
      {(branch || onEdit) && (
        <div className="msg-actions">
          {onEdit && (
            <button type="button" onClick={() => setDraft(text)}>
              Edit
            </button>
          )}
          {branch && <BranchNav {...branch} />}
        </div>
      )}
    </div>
  );
}
