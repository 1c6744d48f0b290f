// Storage failures as the chat's typed errors (code + message + one fix sentence). Whatever IndexedDB or Dexie
// throws becomes one of two codes; the app then keeps the conversations in memory and says so.
import { fixFor } from '../chat/errors';
import type { ChatError } from '../chat/types';

export type StorageErrorCode = 'storage-quota' | 'storage-unavailable';

export class StorageError extends Error implements ChatError {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly fix: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
  toJSON(): ChatError {
    return { code: this.code, message: this.message, fix: this.fix };
  }
}

export const QUOTA_FIX = fixFor('storage-quota');
export const UNAVAILABLE_FIX = fixFor('storage-unavailable');

interface Said {
  name: string;
  message: string;
}

/** The error and its causes, outermost first (Dexie wraps the DOM error in `inner`). */
function chain(e: unknown): Said[] {
  const out: Said[] = [];
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const o = cur as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
    out.push({ name: typeof o.name === 'string' ? o.name : '', message: typeof o.message === 'string' ? o.message : '' });
    cur = o.inner ?? o.cause;
  }
  return out;
}

/** Any failure of IndexedDB, as a StorageError. `during` says what was being done ("saving", "opening"). */
export function toStorageError(e: unknown, during: string): StorageError {
  if (e instanceof StorageError) return e;
  const said = chain(e);
  const innermost = said[said.length - 1];
  const detail = innermost ? innermost.message || innermost.name : String(e);
  if (said.some((s) => /quota/i.test(s.name) || /quota/i.test(s.message))) {
    return new StorageError('storage-quota', `The browser's storage for this site is full while ${during} (${detail}).`, QUOTA_FIX, e);
  }
  return new StorageError('storage-unavailable', `The browser's database (IndexedDB) is not available while ${during} (${detail}).`, UNAVAILABLE_FIX, e);
}
