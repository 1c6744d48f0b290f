// When to save a reply that is still streaming: at most every 250 ms or every 32 tokens, whichever comes
// first, plus a final flush when the turn ends. Pure scheduling: the caller's `save` does the writing (it
// should read the latest state when called). Saves never overlap; tokens that arrive during one are saved
// by the next.

export interface WriteBehindOptions {
  save: () => Promise<void> | void;
  /** Longest time unsaved tokens wait, ms. */
  maxDelayMs?: number;
  /** Most unsaved tokens before a save. */
  maxTokens?: number;
  /** Told about a failed save (the next tokens or flush try again). */
  onError?: (e: unknown) => void;
}

export interface WriteBehind {
  /** `n` new tokens are in the state (count what the viewer saw: ids or text pieces). */
  tokens(n?: number): void;
  /** Save now whatever is pending and wait for it (turn ended, page hiding). */
  flush(): Promise<void>;
  /** Unsaved tokens right now. */
  readonly pending: number;
  /** Saves started so far. */
  readonly saves: number;
}

export const WRITE_BEHIND_MS = 250;
export const WRITE_BEHIND_TOKENS = 32;

export function createWriteBehind(opts: WriteBehindOptions): WriteBehind {
  const maxDelay = opts.maxDelayMs ?? WRITE_BEHIND_MS;
  const maxTokens = opts.maxTokens ?? WRITE_BEHIND_TOKENS;
  let pending = 0;
  let saves = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  function start(): Promise<void> {
    clearTimer();
    if (running) {
      again = true;
      return running;
    }
    if (pending === 0) return Promise.resolve();
    pending = 0;
    saves++;
    running = (async () => {
      try {
        await opts.save();
      } catch (e) {
        opts.onError?.(e);
      }
    })().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void start();
      }
    });
    return running;
  }

  return {
    tokens(n = 1) {
      if (n <= 0) return;
      pending += n;
      if (pending >= maxTokens) void start();
      else timer ??= setTimeout(start, maxDelay);
    },
    async flush() {
      pending = Math.max(pending, 1); // a final save even when the last tokens were just saved by count
      while (running || pending > 0) {
        if (running) {
          again = again || pending > 0;
          await running;
        } else {
          await start();
        }
      }
    },
    get pending() {
      return pending;
    },
    get saves() {
      return saves;
    },
  };
}
