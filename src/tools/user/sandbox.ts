// Running a user tool's code: a fresh dedicated worker from a blob: URL per call (sandbox-source.ts), the
// arguments in, one text out. The worker is terminated when the result arrives, on the timeout, and when the
// turn is stopped, so a runaway loop or allocation ends with it. Everything the worker sends is treated as
// untrusted data: only a string result of bounded size is accepted.
import { UserToolError } from './errors';
import { sandboxSource } from './sandbox-source';
import { MAX_TOOL_OUTPUT_CHARS } from './types';

/** The part of Worker the runner uses (tests pass a fake). */
export interface SandboxWorker {
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

export interface SandboxOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Makes the worker from the script's blob: URL. Default: a classic dedicated Worker. */
  createWorker?: (url: string) => SandboxWorker;
  createUrl?: (source: string) => string;
  revokeUrl?: (url: string) => void;
}

const defaultCreateUrl = (source: string): string => URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
const defaultWorker = (url: string): SandboxWorker => new Worker(url, { name: 'overtone-user-tool' });

export function runInSandbox(code: string, args: unknown, opts: SandboxOptions): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new UserToolError('tool-failed', 'The tool call was cancelled.', 'Send the message again to run it.'));
    const url = (opts.createUrl ?? defaultCreateUrl)(sandboxSource(code));
    let worker: SandboxWorker | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      worker?.terminate();
      (opts.revokeUrl ?? URL.revokeObjectURL)(url);
      worker = undefined;
      outcome();
    };
    const fail = (code: UserToolError['code'], message: string, fix: string) => finish(() => reject(new UserToolError(code, message, fix)));
    const onAbort = () => fail('tool-failed', 'The tool call was cancelled.', 'Send the message again to run it.');

    try {
      worker = (opts.createWorker ?? defaultWorker)(url);
    } catch (e) {
      return fail('tool-failed', `The sandbox could not start: ${(e as Error).message}`, 'Reload the page; if it persists, this browser cannot run user tools.');
    }
    opts.signal?.addEventListener('abort', onAbort);
    timer = setTimeout(
      () => fail('tool-timeout', `The tool did not finish within ${opts.timeoutMs} ms and was stopped.`, 'Make the code faster or raise its timeout in the tool settings.'),
      opts.timeoutMs,
    );
    worker.onerror = (e) => {
      e.preventDefault?.();
      fail('tool-failed', `The tool's code failed: ${e.message || 'a script error'}`, 'Fix the tool\'s code in Settings → Tools.');
    };
    worker.onmessageerror = () => fail('tool-failed', 'The tool sent something that is not plain data.', 'Return a string or JSON-serialisable data.');
    worker.onmessage = (e) => {
      const d: unknown = e.data;
      const type = typeof d === 'object' && d !== null ? (d as { type?: unknown }).type : undefined;
      if (type === 'ready') return worker?.postMessage({ args });
      if (type === 'result' && typeof (d as { text?: unknown }).text === 'string') {
        const text = (d as { text: string }).text;
        if (text.length > MAX_TOOL_OUTPUT_CHARS) {
          return fail('tool-failed', `The tool returned ${text.length} characters; at most ${MAX_TOOL_OUTPUT_CHARS} are passed to the model.`, 'Return a shorter result.');
        }
        return finish(() => resolve(text));
      }
      if (type === 'error' && typeof (d as { message?: unknown }).message === 'string') {
        return fail('tool-failed', (d as { message: string }).message.slice(0, 2000), 'Fix the tool\'s code in Settings → Tools, or the arguments it was given.');
      }
      fail('tool-failed', 'The tool sent an unexpected message.', 'Return the result from the function instead of posting messages.');
    };
  });
}
