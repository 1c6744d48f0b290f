// What the user wrote, as text (never HTML), line breaks kept.
import { BranchNav, type BranchNavProps } from './BranchNav';

export interface UserMessageProps {
  text: string;
  branch?: BranchNavProps;
}

export function UserMessage({ text, branch }: UserMessageProps) {
  return (
    <div className="msg msg-user">
      <h2 className="visually-hidden">You said</h2>
      <div className="user-text">{text}</div>
      {branch && (
        <div className="msg-actions">
          <BranchNav {...branch} />
        </div>
      )}
    </div>
  );
}
