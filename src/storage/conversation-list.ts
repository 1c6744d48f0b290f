// The sidebar's operations on conversations: new, rename, delete with undo. Searching is the repository's
// `search`. Pure data helpers plus one small function over the repository for delete-with-undo.
import type { Conversation } from '../chat/types';
import type { ConversationRepository } from './repository';

export const UNTITLED = 'New conversation';
export const TITLE_MAX = 80;

export function newConversation(id: string, now: number, title = UNTITLED): Conversation {
  return { id, title, createdAt: now, updatedAt: now, nodes: { root: { id: 'root', role: 'root', children: [], activeChild: 0 } } };
}

/** One line, trimmed, at most TITLE_MAX characters (whole code points). Empty means "keep the old title". */
export function cleanTitle(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= TITLE_MAX ? line : chars.slice(0, TITLE_MAX - 1).join('').trimEnd() + '…';
}

/** A title from the first user message, for a conversation still called UNTITLED. */
export function titleFromMessage(text: string): string {
  return cleanTitle(text) || UNTITLED;
}

export function renameConversation(c: Conversation, title: string, now: number): Conversation {
  const t = cleanTitle(title);
  return t === '' || t === c.title ? c : { ...c, title: t, updatedAt: now };
}

export interface DeletedConversation {
  id: string;
  deletedAt: number;
  /** Bring it back (within UNDO_WINDOW_MS; after that it may be purged): false when it is gone. */
  undo(): Promise<boolean>;
}

export async function deleteConversation(repo: ConversationRepository, id: string, now: number): Promise<DeletedConversation> {
  await repo.remove(id, now);
  return { id, deletedAt: now, undo: () => repo.restore(id) };
}
