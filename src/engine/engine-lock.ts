// One engine per browser: a Web Lock makes one tab the owner of the model (GPU memory, the download); another
// tab says the model runs elsewhere and offers "Use here", which takes the lock over. Stores call this module;
// it knows nothing about React or the worker.

export type EngineLockState = 'idle' | 'owner' | 'elsewhere' | 'unsupported';

export interface EngineLock {
  readonly state: EngineLockState;
  /** Becomes the owner if no other tab is (no waiting). */
  acquire(): Promise<EngineLockState>;
  /** "Use here": takes the lock from the tab that holds it; that tab is told it lost it. */
  steal(): Promise<EngineLockState>;
  /** Waits until the other tab lets go (closes, or releases), then becomes the owner. */
  waitForRelease(): Promise<EngineLockState>;
  release(): void;
  /** Every state change (e.g. to 'elsewhere' when another tab pressed "Use here"). Returns an unsubscribe. */
  subscribe(listener: (state: EngineLockState) => void): () => void;
}

export const ENGINE_LOCK_NAME = 'overtone-engine';

export function createEngineLock(locks: LockManager | undefined = globalThis.navigator?.locks, name = ENGINE_LOCK_NAME): EngineLock {
  let state: EngineLockState = locks ? 'idle' : 'unsupported';
  let releaseHeld: (() => void) | null = null;
  const listeners = new Set<(s: EngineLockState) => void>();
  const set = (s: EngineLockState) => {
    if (s === state) return;
    state = s;
    for (const l of [...listeners]) l(s);
  };

  /** Requests the lock; resolves with the outcome as soon as it is known, and holds the lock until release. */
  const request = (options: LockOptions): Promise<EngineLockState> => {
    if (!locks) return Promise.resolve<EngineLockState>('unsupported');
    if (state === 'owner') return Promise.resolve<EngineLockState>('owner');
    return new Promise<EngineLockState>((outcome) => {
      const held = locks.request(name, options, (lock) => {
        if (!lock) {
          set('elsewhere');
          outcome('elsewhere');
          return undefined;
        }
        set('owner');
        outcome('owner');
        return new Promise<void>((release) => (releaseHeld = release));
      });
      held.catch((e: unknown) => {
        // Another tab stole the lock ("Use here" there).
        releaseHeld = null;
        if ((e as DOMException)?.name === 'AbortError') set('elsewhere');
        outcome(state);
      });
    });
  };

  return {
    get state() {
      return state;
    },
    acquire: () => request({ ifAvailable: true }),
    steal: () => request({ steal: true }),
    waitForRelease: () => request({}),
    release() {
      releaseHeld?.();
      releaseHeld = null;
      if (state === 'owner') set('idle');
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
