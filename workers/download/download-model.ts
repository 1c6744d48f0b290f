// Downloads a model's files one at a time into a ModelStore and returns them as store-backed Blobs. The
// store's record says what is there; it is marked complete only when every file is stored and verified, so a
// cancelled or failed download never looks ready. A complete model loads with no network at all.
import type { DownloadFileProgress, DownloadProgress } from '../../src/engine/protocol';
import { MODEL_STORE_VERSION, type ModelStore, type StoredModelRecord } from '../storage/model-store';
import type { DownloadControl } from './control';
import { DEFAULT_RETRY, fetchFile, type FileJob, type RetryPolicy } from './fetch-file';
import { SpeedMeter } from './speed';

export interface ModelDownload {
  key: string;
  modelId: string;
  dtype: string;
  appVersion: string;
  source: StoredModelRecord['source'];
  files: FileJob[];
}

export interface DownloadDeps {
  store: ModelStore;
  control: DownloadControl;
  fetch: typeof fetch;
  onProgress: (p: DownloadProgress) => void;
  retry?: RetryPolicy;
  now?: () => number;
  /** Minimum time between progress events while bytes flow (state changes are always sent). */
  progressEveryMs?: number;
}

const sameFile = (r: StoredModelRecord['files'][string] | undefined, f: FileJob) => !!r && r.bytes === f.bytes && r.sha256 === f.sha256;

export async function downloadModel(d: ModelDownload, deps: DownloadDeps): Promise<Map<string, Blob>> {
  const { store, control } = deps;
  const now = deps.now ?? (() => performance.now());
  const every = deps.progressEveryMs ?? 100;
  const speed = new SpeedMeter(5000, now);
  const previous = await store.readRecord(d.key);
  const record: StoredModelRecord = {
    key: d.key,
    formatVersion: MODEL_STORE_VERSION,
    appVersion: d.appVersion,
    source: d.source,
    modelId: d.modelId,
    dtype: d.dtype,
    files: {},
    complete: false,
    updatedAt: Date.now(),
  };
  for (const f of d.files) {
    const before = previous?.files[f.path];
    record.files[f.path] = { bytes: f.bytes ?? 0, ...(f.sha256 ? { sha256: f.sha256 } : {}), verified: sameFile(before, f) && before!.verified };
    // A stored file of another size or digest (the manifest changed) is useless: start it over.
    if (before && !sameFile(before, f)) await (await store.file(d.key, f.path)).discard();
  }
  const files: DownloadFileProgress[] = d.files.map((f) => ({ path: f.path, bytes: f.bytes ?? 0, stored: 0, state: 'pending' }));
  const progress: Omit<DownloadProgress, 'totalBytes' | 'storedBytes' | 'percent' | 'bytesPerSecond' | 'etaSeconds'> = {
    key: d.key, modelId: d.modelId, state: 'checking', file: null, files, resumed: 0, rangeIgnored: 0, corruptRefetched: 0,
  };
  let lastSent = -Infinity;
  const send = (force: boolean) => {
    const t = now();
    if (!force && t - lastSent < every) return;
    lastSent = t;
    const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
    const storedBytes = files.reduce((n, f) => n + f.stored, 0);
    const bytesPerSecond = progress.state === 'downloading' ? speed.bytesPerSecond() : 0;
    deps.onProgress({
      ...progress,
      files: files.map((f) => ({ ...f })),
      totalBytes,
      storedBytes,
      percent: totalBytes > 0 ? Math.min(100, (100 * storedBytes) / totalBytes) : 0,
      bytesPerSecond,
      etaSeconds: bytesPerSecond > 0 ? (totalBytes - storedBytes) / bytesPerSecond : null,
    });
  };
  const setState = (s: DownloadProgress['state']) => {
    if (s !== 'retrying') delete progress.retry;
    if (s !== progress.state && (s === 'paused' || progress.state === 'paused' || progress.state === 'retrying')) speed.reset();
    progress.state = s;
    send(true);
  };
  control.onChange = (s) => setState(s === 'paused' ? 'paused' : s === 'cancelled' ? 'cancelled' : 'downloading');

  const blobs = new Map<string, Blob>();
  let wroteRecord = false;
  for (const [i, f] of d.files.entries()) {
    const fp = files[i]!;
    progress.file = f.path;
    const part = await store.file(d.key, f.path);
    const size = await part.size();
    if (record.files[f.path]!.verified && size === f.bytes) {
      fp.stored = size;
      fp.state = 'done';
      blobs.set(f.path, await part.blob());
      continue;
    }
    if (!wroteRecord && store.kind !== 'memory') {
      await store.writeRecord(record); // complete: false until the end
      wroteRecord = true;
    }
    setState('downloading');
    fp.state = 'downloading';
    const got = await fetchFile(f, part, control, {
      bytes(stored, expected, fresh) {
        fp.stored = stored;
        if (expected !== undefined) fp.bytes = expected;
        if (fresh > 0) speed.add(fresh);
        send(false);
      },
      state(s, retry) {
        fp.state = s === 'verifying' ? 'verifying' : 'downloading';
        if (s === 'retrying' && retry) progress.retry = retry;
        setState(s);
      },
      rangeIgnored: () => progress.rangeIgnored++,
      corrupt: () => progress.corruptRefetched++,
      resumed: () => progress.resumed++,
    }, deps.fetch, deps.retry ?? DEFAULT_RETRY);
    if (got === null) {
      fp.state = 'skipped';
      delete record.files[f.path];
      continue;
    }
    fp.bytes = got;
    fp.state = 'done';
    record.files[f.path] = { bytes: got, ...(f.sha256 ? { sha256: f.sha256 } : {}), verified: true };
    record.updatedAt = Date.now();
    if (store.kind !== 'memory') await store.writeRecord(record);
    blobs.set(f.path, await part.blob());
    send(true);
  }
  record.complete = true;
  record.updatedAt = Date.now();
  if (store.kind !== 'memory' && (wroteRecord || !previous?.complete)) await store.writeRecord(record);
  progress.file = null;
  setState('done');
  return blobs;
}
