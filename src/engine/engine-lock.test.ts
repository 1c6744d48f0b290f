// The engine lock against an in-memory LockManager with the Web Locks semantics it uses (exclusive mode,
// ifAvailable, steal, queued waiters), two "tabs" sharing it.
import { describe, expect, test } from 'vitest';
import { createEngineLock, type EngineLockState } from './engine-lock';
import { fakeLocks } from './testing/fake-locks';

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
