// Banners above the conversation: storage that fell back to memory (typed: what happened and the fix), an
// export/import problem until dismissed, and Undo for a conversation just deleted.
import type { ChatError } from '../chat/types';

export interface NoticesProps {
  /** Storage is not persistent because of this (quota, no IndexedDB). */
  storageError?: ChatError;
  notice?: ChatError | null;
  onDismissNotice?: () => void;
  deleted?: { title: string } | null;
  onUndoDelete?: () => void;
}

export function Notices({ storageError, notice, onDismissNotice, deleted, onUndoDelete }: NoticesProps) {
  return (
    <>
      {storageError && (
        <div className="banner banner-warn" role="alert" data-code={storageError.code}>
          <p>
            <strong>Conversations are kept in memory only and will be lost when this tab closes.</strong> {storageError.message} {storageError.fix}{' '}
            <code className="error-code">{storageError.code}</code>
          </p>
        </div>
      )}
      {notice && (
        <div className="banner banner-error" role="alert" data-code={notice.code}>
          <p>
            <strong>{notice.message}</strong> {notice.fix} <code className="error-code">{notice.code}</code>
          </p>
          {onDismissNotice && (
            <button type="button" onClick={onDismissNotice}>
              Dismiss
            </button>
          )}
        </div>
      )}
      {deleted && (
        <div className="banner" role="status">
          <p>Deleted “{deleted.title}”.</p>
          {onUndoDelete && (
            <button type="button" onClick={onUndoDelete}>
              Undo
            </button>
          )}
        </div>
      )}
    </>
  );
}
