// The script of a user tool's sandbox worker: a prelude that removes every way out of the worker, then the
// person's code as an async function body, then a one-shot message handler. A classic script, so nothing in
// the person's code can run before the prelude (no static imports; function declarations are hoisted but
// do not run). The prelude is the second of two layers; the page's Content-Security-Policy, which a blob:
// worker inherits, is the first (docs/security.md).

/** Globals the prelude removes: network, nested realms, channels back into the app, storage, fonts, GPU. */
export const SCRUBBED_GLOBALS = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport', 'importScripts',
  'Worker', 'SharedWorker', 'BroadcastChannel', 'indexedDB', 'caches', 'FontFace', 'fonts', 'Notification',
] as const;
/** Navigator members removed for the same reasons (OPFS and quotas, the GPU the model runs on). */
export const SCRUBBED_NAVIGATOR = ['storage', 'gpu', 'locks', 'serviceWorker'] as const;

const PRELUDE = `"use strict";
(() => {
  const scrub = (target, names) => {
    for (let o = target; o !== null; o = Object.getPrototypeOf(o)) {
      for (const n of names) {
        if (!Object.prototype.hasOwnProperty.call(o, n)) continue;
        try { delete o[n]; } catch (_) { /* non-configurable: overwritten below */ }
        try {
          if (Object.prototype.hasOwnProperty.call(o, n)) Object.defineProperty(o, n, { value: undefined, writable: false, configurable: false });
        } catch (_) { /* cannot be removed: the check below refuses to go on */ }
      }
    }
  };
  const globals = ${JSON.stringify(SCRUBBED_GLOBALS)};
  scrub(self, globals);
  if (typeof navigator !== "undefined") scrub(navigator, ${JSON.stringify(SCRUBBED_NAVIGATOR)});
  // Fail closed: a way out that survived means no user code runs.
  for (const n of globals) if (typeof self[n] !== "undefined") throw new Error("sandbox setup failed: " + n + " is still reachable");
})();
const __overtonePost = self.postMessage.bind(self);
`;

const HANDLER = `
self.onmessage = async (event) => {
  self.onmessage = null;
  try {
    const value = await __overtoneTool(event.data.args);
    const text = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
    __overtonePost({ type: "result", text: String(text) });
  } catch (e) {
    __overtonePost({ type: "error", message: String(e && typeof e === "object" && "message" in e ? e.message : e) });
  }
};
__overtonePost({ type: "ready" });
`;

/** The whole worker script for one tool's code (the body of `async function (args) { … }`). */
export function sandboxSource(code: string): string {
  return `${PRELUDE}const __overtoneTool = async function (args) {\n${code}\n};\n${HANDLER}`;
}
