import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createWriteBehind } from './write-behind';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A save that records when it ran and how many tokens had arrived by then. */
function recorder() {
  let seen = 0;
  const log: { at: number; tokens: number }[] = [];
  const save = vi.fn(() => {
    log.push({ at: Date.now(), tokens: seen });
  });
  return { save, log, arrive: (n: number) => (seen += n) };
}

describe('write-behind for a streaming reply', () => {
  test('slow tokens: one save 250 ms after the first unsaved token, not one per token', async () => {
    const start = Date.now();
    const r = recorder();
    const wb = createWriteBehind({ save: r.save });
    for (let i = 0; i < 10; i++) {
      r.arrive(1);
      wb.tokens(1);
      await vi.advanceTimersByTimeAsync(100); // 10 tokens/s
    }
    await wb.flush();
    expect(r.log.map((l) => [l.at - start, l.tokens])).toEqual([
      [250, 3],
      [550, 6],
      [850, 9],
      [1000, 10], // the final flush
    ]);
  });

  test('fast tokens: a save every 32 tokens, before the 250 ms are up', async () => {
    const r = recorder();
    const wb = createWriteBehind({ save: r.save });
    for (let i = 0; i < 100; i++) {
      r.arrive(1);
      wb.tokens(1);
      await vi.advanceTimersByTimeAsync(1); // 1000 tokens/s
    }
    expect(r.log.map((l) => l.tokens)).toEqual([32, 64, 96]);
    expect(wb.pending).toBe(4);
    await vi.advanceTimersByTimeAsync(250);
    expect(r.log.map((l) => l.tokens)).toEqual([32, 64, 96, 100]);
    expect(wb.pending).toBe(0);
  });

  test('batches count as their size', async () => {
    const r = recorder();
    const wb = createWriteBehind({ save: r.save });
    r.arrive(40);
    wb.tokens(40);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.log.map((l) => l.tokens)).toEqual([40]);
  });

  test('the final flush saves even when nothing is pending (status and stats changed), and waits for it', async () => {
    let finished = false;
    const wb = createWriteBehind({
      save: () => new Promise<void>((res) => setTimeout(() => ((finished = true), res()), 20)),
    });
    const done = wb.flush();
    expect(finished).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    await done;
    expect(finished).toBe(true);
    expect(wb.saves).toBe(1);
  });

  test('saves never overlap: tokens arriving during a slow save are saved right after it', async () => {
    let active = 0;
    let maxActive = 0;
    const save = vi.fn(async () => {
      maxActive = Math.max(maxActive, ++active);
      await new Promise((res) => setTimeout(res, 400));
      active--;
    });
    const wb = createWriteBehind({ save });
    wb.tokens(32); // save 1 starts
    await vi.advanceTimersByTimeAsync(10);
    wb.tokens(32); // would start save 2: waits
    await vi.advanceTimersByTimeAsync(300);
    wb.tokens(5);
    await vi.advanceTimersByTimeAsync(2000);
    expect(maxActive).toBe(1);
    expect(save).toHaveBeenCalledTimes(2);
    expect(wb.pending).toBe(0);
  });

  test('a failed save is reported and the next tokens try again', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const save = vi.fn(() => {
      if (fail) throw new Error('disk full');
    });
    const wb = createWriteBehind({ save, onError: (e) => errors.push(e) });
    wb.tokens(32);
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    fail = false;
    wb.tokens(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(save).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(1);
  });
});
