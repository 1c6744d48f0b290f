// localStorage for zustand's persist, guarded: absent (Node, some embedded views) or throwing (Safari
// private mode, a full quota, storage disabled) means settings simply are not remembered.
import type { StateStorage } from 'zustand/middleware';

export function safeLocalStorage(): StateStorage {
  const store = (): Storage | undefined => {
    try {
      return globalThis.localStorage ?? undefined;
    } catch {
      return undefined; // reading window.localStorage itself throws when storage is blocked
    }
  };
  return {
    getItem: (name) => {
      try {
        return store()?.getItem(name) ?? null;
      } catch {
        return null;
      }
    },
    setItem: (name, value) => {
      try {
        store()?.setItem(name, value);
      } catch {
        /* not remembered */
      }
    },
    removeItem: (name) => {
      try {
        store()?.removeItem(name);
      } catch {
        /* nothing to remove */
      }
    },
  };
}
