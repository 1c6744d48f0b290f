// The engine lock against an in-memory LockManager with the Web Locks semantics it uses (exclusive mode,
// ifAvailable, steal, queued waiters), two "tabs" sharing it.
import { describe, expect, test } from 'vitest';
import { createEngineLock, type EngineLockState } from './engine-lock';

function fakeLocks(): LockManager {
  type Holder = { release: () => void; abort: (e: unknown) => void };
  const held = new Map<string, Holder>();
  const queue = new Map<string, (() => void)[]>();
  const grant = (name: string, cb: (lock: Lock | null) => unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const holder: Holder = { release: () => {}, abort: reject };
      held.set(name, holder);
      Promise.resolve(cb({ name, mode: 'exclusive' } as Lock)).then(
        (v) => {
          if (held.get(name) === holder) {
            held.delete(name);
            queue.get(name)?.shift()?.();
          }
          resolve(v);
        },
        reject,
      );
    });
  return {
    request(name: string, options: LockOptions | ((l: Lock | null) => unknown), maybeCb?: (l: Lock | null) => unknown) {
      const opts = typeof options === 'function' ? {} : options;
      const cb = (typeof options === 'function' ? options : maybeCb)!;
      if (opts.steal) {
        held.get(name)?.abort(new DOMException('stolen', 'AbortError'));
        return grant(name, cb);
      }
      if (!held.has(name)) return grant(name, cb);
      if (opts.ifAvailable) return Promise.resolve(cb(null));
      return new Promise((resolve, reject) => {
        const q = queue.get(name) ?? [];
        q.push(() => grant(name, cb).then(resolve, reject));
        queue.set(name, q);
      });
    },
    query: async () => ({ held: [], pending: [] }),
  } as unknown as LockManager;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('engine lock', () => {
  test('first tab owns the engine, the second learns it runs elsewhere', async () => {
    const locks = fakeLocks();
    const a = createEngineLock(locks);
    const b = createEngineLock(locks);
    expect(await a.acquire()).toBe('owner');
    expect(await b.acquire()).toBe('elsewhere');
    expect(b.state).toBe('elsewhere');
  });

  test('"Use here" steals the lock: the old owner is told and the new tab owns it', async () => {
    const locks = fakeLocks();
    const a = createEngineLock(locks);
    const b = createEngineLock(locks);
    const seenByA: EngineLockState[] = [];
    a.subscribe((s) => seenByA.push(s));
    await a.acquire();
    await b.acquire();
    expect(await b.steal()).toBe('owner');
    await tick();
    expect(a.state).toBe('elsewhere');
    expect(seenByA).toEqual(['owner', 'elsewhere']);
    expect(await a.acquire()).toBe('elsewhere');
  });

  test('a waiting tab takes over when the owner releases (closes)', async () => {
    const locks = fakeLocks();
    const a = createEngineLock(locks);
    const b = createEngineLock(locks);
    await a.acquire();
    const waiting = b.waitForRelease();
    await tick();
    expect(b.state).toBe('idle');
    a.release();
    expect(await waiting).toBe('owner');
    expect(a.state).toBe('idle');
  });

  test('without the Web Locks API the app says so instead of failing', async () => {
    const lock = createEngineLock(undefined);
    expect(lock.state).toBe('unsupported');
    expect(await lock.acquire()).toBe('unsupported');
  });
});
