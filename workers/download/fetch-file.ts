// Downloads one file into a PartialFile: resumes from the last stored byte with an HTTP Range request (after
// a dropped connection, a pause or a reload), restarts cleanly when a server ignores Range (200 instead of
// 206), retries transient failures with exponential backoff, and verifies the size (always) and SHA-256
// (where known) before the file counts as done. A file that fails verification is discarded and fetched again.
//
// SHA-256 across a resume: within one session the running hash simply continues. After a reload the stored
// prefix is hashed again from disk (streamed, in this worker) instead of persisting the hash state: noble's
// state is not a public format, and re-reading at most one file is cheap next to downloading it.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { PartialFile } from '../storage/model-store';
import { DownloadCancelled, type DownloadControl } from './control';

export interface FileJob {
  path: string;
  url: string;
  /** Expected size; when unknown the server's Content-Length / Content-Range is taken. */
  bytes?: number;
  sha256?: string;
  /** A 404 means "not published" rather than failure (e.g. generation_config.json). */
  optional?: boolean;
}

export interface RetryPolicy {
  /** Consecutive failures without progress before giving up. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 1000, maxMs: 30_000 };

export interface FileEvents {
  /** `stored` bytes are on disk; `fresh` of them arrived just now. */
  bytes(stored: number, expected: number | undefined, fresh: number): void;
  state(s: 'downloading' | 'verifying' | 'retrying', retry?: { attempt: number; inMs: number; reason: string }): void;
  /** The server answered a Range request with the whole file; the partial data was discarded. */
  rangeIgnored(): void;
  /** The file failed verification (or the server sent more than expected) and is fetched again. */
  corrupt(reason: string): void;
  /** A request continued the file from this byte. */
  resumed(from: number): void;
}

/** A download failure that retrying will not fix (HTTP 404/403, verification failing twice, quota). */
export class DownloadFailed extends Error {
  override readonly name = 'DownloadFailed';
  constructor(message: string, readonly kind: 'http' | 'corrupt' | 'quota') {
    super(message);
  }
}

const TRANSIENT_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const VERIFY_ATTEMPTS = 3;

function contentRange(h: string | null): { start: number; total?: number } | null {
  const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(h?.trim() ?? '');
  return m ? { start: Number(m[1]), ...(m[2] === '*' ? {} : { total: Number(m[2]) }) } : null;
}

async function hashStored(part: PartialFile, hasher: ReturnType<typeof sha256.create>): Promise<void> {
  const reader = (await part.blob()).stream().getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) hasher.update(r.value);
}

const isQuota = (e: unknown) => e instanceof DOMException && e.name === 'QuotaExceededError';

/** Returns the verified size, or null when an optional file is not published. */
export async function fetchFile(job: FileJob, part: PartialFile, control: DownloadControl, events: FileEvents, fetchImpl: typeof fetch, retry: RetryPolicy = DEFAULT_RETRY): Promise<number | null> {
  for (let verifyAttempt = 1; ; verifyAttempt++) {
    let expected = job.bytes;
    let stored = await part.size();
    if (expected !== undefined && stored > expected) {
      await part.discard();
      stored = 0;
    }
    let hasher = job.sha256 ? sha256.create() : null;
    if (hasher && stored > 0) {
      events.state('verifying');
      await hashStored(part, hasher);
    }
    events.bytes(stored, expected, 0);
    let failures = 0;
    const restart = async () => {
      await part.discard();
      stored = 0;
      hasher = job.sha256 ? sha256.create() : null;
      events.bytes(0, expected, 0);
    };
    const backoff = async (reason: string) => {
      failures++;
      if (failures > retry.attempts) throw new DownloadFailed(`${job.path}: ${reason} (gave up after ${retry.attempts} retries)`, 'http');
      const inMs = Math.min(retry.maxMs, retry.baseMs * 2 ** (failures - 1));
      events.state('retrying', { attempt: failures, inMs, reason });
      await control.sleep(inMs);
    };

    while (expected === undefined || stored < expected) {
      await control.whenRunning();
      const signal = control.signal();
      let res: Response;
      try {
        res = await fetchImpl(job.url, { headers: stored > 0 ? { Range: `bytes=${stored}-` } : {}, signal, cache: 'no-store' });
      } catch (e) {
        if (control.state !== 'running') continue;
        await backoff(`network error: ${(e as Error).message}`);
        continue;
      }
      if (res.status === 404 && job.optional && stored === 0) {
        await res.body?.cancel();
        return null;
      }
      if (res.status === 206) {
        const range = contentRange(res.headers.get('content-range'));
        if (!range || range.start !== stored || (expected !== undefined && range.total !== undefined && range.total !== expected)) {
          await res.body?.cancel();
          events.corrupt(`unexpected Content-Range ${res.headers.get('content-range')} for a request from byte ${stored}`);
          await restart();
          continue;
        }
        expected ??= range.total;
        events.resumed(stored);
      } else if (res.status === 200) {
        if (stored > 0) {
          events.rangeIgnored();
          await restart();
        }
        const length = res.headers.get('content-length');
        // A compressed body's length says nothing about the file's size.
        if (length !== null && !res.headers.get('content-encoding')) {
          if (expected !== undefined && Number(length) !== expected) {
            await res.body?.cancel();
            throw new DownloadFailed(`${job.path}: the server has ${Number(length).toLocaleString('en')} bytes, the manifest says ${expected.toLocaleString('en')}`, 'corrupt');
          }
          expected ??= Number(length);
        }
      } else if (res.status === 416) {
        await res.body?.cancel();
        events.corrupt(`the server cannot continue from byte ${stored}`);
        await restart();
        continue;
      } else {
        await res.body?.cancel();
        if (TRANSIENT_STATUS.has(res.status)) {
          await backoff(`HTTP ${res.status}`);
          continue;
        }
        throw new DownloadFailed(`${job.path}: HTTP ${res.status}`, 'http');
      }
      if (!res.body) throw new DownloadFailed(`${job.path}: empty response`, 'http');

      events.state('downloading');
      const before = stored;
      const reader = res.body.getReader();
      let tooLong = false;
      try {
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          if (expected !== undefined && stored + r.value.byteLength > expected) {
            tooLong = true;
            await reader.cancel();
            break;
          }
          await part.append(r.value);
          hasher?.update(r.value);
          stored += r.value.byteLength;
          events.bytes(stored, expected, r.value.byteLength);
        }
      } catch (e) {
        await part.close();
        if (isQuota(e)) throw new DownloadFailed(`${job.path}: the browser's storage quota is full`, 'quota');
        if (control.state !== 'running') continue;
        if (stored > before) failures = 0;
        await backoff(`connection dropped at byte ${stored.toLocaleString('en')}: ${(e as Error).message}`);
        continue;
      }
      await part.close();
      if (tooLong) {
        events.corrupt('the server sent more bytes than the file has');
        await restart();
        continue;
      }
      if (expected === undefined) expected = stored; // no size announced: the stream's end is the file's end
      if (stored < expected) {
        if (stored > before) failures = 0;
        await backoff(`the response ended at byte ${stored.toLocaleString('en')} of ${expected.toLocaleString('en')}`);
      }
    }

    events.state('verifying');
    const size = await part.size();
    const digest = hasher ? bytesToHex(hasher.digest()) : undefined;
    const problem = size !== expected ? `size ${size.toLocaleString('en')} instead of ${expected.toLocaleString('en')}` : job.sha256 && digest !== job.sha256 ? `SHA-256 ${digest} instead of ${job.sha256}` : null;
    if (!problem) return size;
    await part.discard();
    if (verifyAttempt >= VERIFY_ATTEMPTS) throw new DownloadFailed(`${job.path} failed verification ${VERIFY_ATTEMPTS} times (${problem})`, 'corrupt');
    events.corrupt(problem);
  }
}

export { DownloadCancelled };
