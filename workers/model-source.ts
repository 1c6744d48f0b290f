// The files of a browser load, as Blobs by path inside the model folder, from one of three sources: the app's
// own /models/ (built-in models; the service worker caches them), a hub download into this browser's storage
// (resumable, verified), or a folder the user picked (no network at all). Every file is checked against the
// manifest's sizes (and SHA-256 where known) before anything loads.
import { checkFolder, folderError, type ExpectedFile } from '../src/engine/folder-check';
import { storedModelKey, type DownloadProgress, type LoadRequest, type ModelFile } from '../src/engine/protocol';
import type { DownloadControl } from './download/control';
import { downloadModel } from './download/download-model';
import type { FileJob } from './download/fetch-file';
import { modelFilePaths } from './external-data';
import { MemoryStore } from './storage/memory-store';
import type { ModelStore } from './storage/model-store';

export interface SourceDeps {
  control: DownloadControl;
  fetch: typeof fetch;
  store: () => ModelStore;
  onProgress: (p: DownloadProgress) => void;
}

/** The key a hub model is stored under (a new revision is a new model on disk). */
export const hubKey = storedModelKey;

async function configOf(files: Map<string, Blob>): Promise<unknown> {
  const blob = files.get('config.json');
  if (!blob) throw new Error('config.json is missing');
  return JSON.parse(await blob.text());
}

/** Built-in file URLs carry their digest, so a rebuilt model never comes from a stale cache. */
const versioned = (url: string, f: ModelFile) => (f.sha256 ? `${url}?v=${f.sha256.slice(0, 16)}` : url);

/** Files of a model not in the manifest: config.json says which graph chunks exist; sizes come from the server. */
async function discoverFiles(base: string, req: LoadRequest, fetchImpl: typeof fetch): Promise<{ config: Blob; jobs: FileJob[] }> {
  const res = await fetchImpl(`${base}config.json`);
  if (!res.ok) throw new Error(`Failed to fetch ${base}config.json: HTTP ${res.status}`);
  const config = await res.blob();
  const paths = modelFilePaths(JSON.parse(await config.text()), req.dtype).filter((p) => p !== 'config.json');
  return { config, jobs: paths.map((path) => ({ path, url: base + path, optional: path === 'generation_config.json' })) };
}

export async function resolveModelFiles(req: LoadRequest, deps: SourceDeps): Promise<Map<string, Blob>> {
  const source = req.source;
  if (source?.kind === 'folder') {
    let expected: ExpectedFile[] | undefined = req.files;
    if (!expected) {
      const probe = checkFolder(source.files, [{ path: 'config.json' }]);
      if (!probe.ok) throw folderError(probe);
      expected = modelFilePaths(await configOf(probe.files), req.dtype).filter((p) => p !== 'generation_config.json').map((path) => ({ path }));
    }
    const check = checkFolder(source.files, expected);
    if (!check.ok) throw folderError(check);
    const files = new Map<string, Blob>(expected.map((e) => [e.path, check.files.get(e.path)!]));
    const generation = check.files.get('generation_config.json');
    if (generation) files.set('generation_config.json', generation);
    return files;
  }
  const common = { control: deps.control, fetch: deps.fetch, onProgress: deps.onProgress };
  if (source?.kind === 'hub') {
    if (!req.files?.length) throw new Error(`A hub load needs the manifest's file list (files) for ${source.repo}`);
    const base = `${source.host}${source.repo}/resolve/${source.revision}/`;
    return downloadModel(
      {
        key: hubKey(source.repo, source.revision),
        modelId: req.modelId,
        dtype: req.dtype,
        appVersion: req.appVersion ?? 'unknown',
        source: { host: source.host, repo: source.repo, revision: source.revision },
        files: req.files.map((f) => ({ ...f, url: base + f.path })),
      },
      { ...common, store: deps.store() },
    );
  }
  if (req.localModelPath === undefined) throw new Error('A browser load needs localModelPath or a source');
  const base = `${req.localModelPath}${req.modelId}/`;
  const found = req.files ? null : await discoverFiles(base, req, deps.fetch);
  const jobs: FileJob[] = req.files ? req.files.map((f) => ({ ...f, url: versioned(base + f.path, f) })) : found!.jobs;
  const files = await downloadModel(
    { key: req.modelId, modelId: req.modelId, dtype: req.dtype, appVersion: req.appVersion ?? 'unknown', source: { host: req.localModelPath, repo: req.modelId, revision: 'app' }, files: jobs },
    { ...common, store: new MemoryStore() },
  );
  if (found) files.set('config.json', found.config);
  return files;
}

/** Serves a model's files to transformers.js under a path that never reaches the network. */
export const FILES_ROOT = '/overtone-model-files/';

export function filesFetch(modelId: string, files: Map<string, Blob>): typeof fetch {
  const prefix = `${FILES_ROOT}${modelId}/`;
  return (async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.startsWith(prefix) ? url.slice(prefix.length) : null;
    const blob = path === null ? undefined : files.get(path);
    if (!blob) return new Response(null, { status: 404, statusText: 'Not Found' });
    return new Response(blob, { status: 200, headers: { 'content-length': String(blob.size), 'content-type': path!.endsWith('.json') ? 'application/json' : 'application/octet-stream' } });
  }) as typeof fetch;
}
