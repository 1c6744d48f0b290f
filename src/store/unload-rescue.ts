// The last tokens of a reply when the page goes away. IndexedDB is asynchronous: a write started in
// `pagehide` may never commit, so up to one write-behind interval (250 ms) of shown tokens would be lost.
// localStorage is synchronous: the conversation being answered is copied there as the page hides, and put
// into the repository at the next start when it is newer than what the repository holds.
import type { StateStorage } from 'zustand/middleware';
import type { Conversation } from '../chat/types';

export const RESCUE_KEY = 'overtone.rescue';

export function writeRescue(storage: StateStorage, c: Conversation): void {
  try {
    void storage.setItem(RESCUE_KEY, JSON.stringify(c));
  } catch {
    // Full or blocked: the write-behind copy is what survives.
  }
}

/** The rescued conversation, if one is there and looks like one; the copy is removed either way. */
export function takeRescue(storage: StateStorage): Conversation | undefined {
  let text: string | null = null;
  try {
    const got = storage.getItem(RESCUE_KEY);
    text = typeof got === 'string' ? got : null;
    void storage.removeItem(RESCUE_KEY);
  } catch {
    return undefined;
  }
  if (text === null) return undefined;
  try {
    const c = JSON.parse(text) as Partial<Conversation> | null;
    const ok = c !== null && typeof c === 'object' && typeof c.id === 'string' && typeof c.title === 'string' && typeof c.updatedAt === 'number' && typeof c.createdAt === 'number' && typeof c.nodes === 'object' && c.nodes !== null && c.nodes.root?.role === 'root';
    return ok ? (c as Conversation) : undefined;
  } catch {
    return undefined;
  }
}
