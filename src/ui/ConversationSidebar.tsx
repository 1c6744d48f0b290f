// The conversations: search by title, open, rename, delete, export one or all (JSON, Harmony text), import.
// Titles are text (never HTML). On a phone the list is a drawer the header's "Conversations" button opens.
import { memo, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { UNTITLED } from '../storage/conversation-list';
import { matchesQuery, type ConversationSummary } from '../storage/repository';

export type ExportFormat = 'json' | 'harmony';

export interface ConversationSidebarProps {
  conversations: readonly ConversationSummary[];
  currentId: string;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
  onExport: (id: string | 'all', format: ExportFormat) => void;
  onImport: (file: File) => void;
  /** Phone width: whether the drawer is open (desktop always shows it). */
  open: boolean;
  onClose: () => void;
  id?: string;
}

export const titleOf = (s: Pick<ConversationSummary, 'title'>): string => s.title || UNTITLED;

/** Memoised: with stable callbacks it skips the re-renders of a streaming reply (the list does not change). */
export const ConversationSidebar = memo(function ConversationSidebar(p: ConversationSidebarProps) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => (query.trim() === '' ? p.conversations : p.conversations.filter((c) => matchesQuery(titleOf(c), query))), [p.conversations, query]);
  const file = useRef<HTMLInputElement>(null);
  const searchId = useId();
  return (
    <nav id={p.id} className="sidebar" data-open={p.open} aria-label="Conversations">
      <div className="sidebar-top">
        <label htmlFor={searchId} className="visually-hidden">
          Search conversations
        </label>
        <input id={searchId} type="search" placeholder="Search conversations" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="button" className="sidebar-close" onClick={p.onClose}>
          Close
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="sidebar-empty">{p.conversations.length === 0 ? 'No saved conversations yet.' : 'No conversation has that title.'}</p>
      ) : (
        <ul className="conversation-list">
          {shown.map((c) => (
            <ConversationRow key={c.id} summary={c} current={c.id === p.currentId} {...p} />
          ))}
        </ul>
      )}
      <div className="sidebar-bottom">
        <Menu label="Export all">
          <button type="button" onClick={() => p.onExport('all', 'json')}>
            All as JSON
          </button>
          <button type="button" onClick={() => p.onExport('all', 'harmony')}>
            All as Harmony text
          </button>
        </Menu>
        <button type="button" onClick={() => file.current?.click()}>
          Import
        </button>
        <input
          ref={file}
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          aria-label="Import file"
          tabIndex={-1}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) p.onImport(f);
          }}
        />
      </div>
    </nav>
  );
});

type RowProps = Pick<ConversationSidebarProps, 'onOpen' | 'onRename' | 'onDelete' | 'onExport'> & { summary: ConversationSummary; current: boolean };

function ConversationRow({ summary, current, onOpen, onRename, onDelete, onExport }: RowProps) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const title = titleOf(summary);
  if (renaming !== null) {
    const save = () => {
      setRenaming(null);
      if (renaming.trim() !== '') onRename(summary.id, renaming);
    };
    return (
      <li className="conversation" data-current={current}>
        <form
          className="rename-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <input aria-label="New title" value={renaming} autoFocus onChange={(e) => setRenaming(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)} />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setRenaming(null)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className="conversation" data-current={current}>
      <button type="button" className="conversation-open" aria-current={current ? 'page' : undefined} onClick={() => onOpen(summary.id)}>
        {title}
      </button>
      <span className="conversation-actions">
        <button type="button" onClick={() => setRenaming(summary.title)}>
          Rename
        </button>
        <button type="button" onClick={() => onDelete(summary.id)}>
          Delete
        </button>
        <Menu label="Export">
          <button type="button" onClick={() => onExport(summary.id, 'json')}>
            Export JSON
          </button>
          <button type="button" onClick={() => onExport(summary.id, 'harmony')}>
            Export Harmony text
          </button>
        </Menu>
      </span>
    </li>
  );
}

/** A small disclosure menu (details/summary: keyboard and screen readers for free). */
function Menu({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  return (
    <details ref={ref} className="menu" onClick={(e) => (e.target as HTMLElement).tagName === 'BUTTON' && ref.current?.removeAttribute('open')}>
      <summary>{label}</summary>
      <div className="menu-items">{children}</div>
    </details>
  );
}
