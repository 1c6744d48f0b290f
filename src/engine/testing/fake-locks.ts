// An in-memory LockManager with the Web Locks semantics the engine lock uses (exclusive mode, ifAvailable,
// steal, queued waiters): "tabs" that share one instance contend for the same locks.
export function fakeLocks(): LockManager {
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
