// The Models screen's data, read from the download store: what is stored, how much of it, by which app
// version, and whether it is complete.
import type { StoredModelInfo } from '../src/engine/protocol';
import type { ModelStore } from './storage/model-store';

export async function listStoredModels(store: ModelStore): Promise<StoredModelInfo[]> {
  const out: StoredModelInfo[] = [];
  for (const r of await store.list()) {
    const files = Object.entries(r.files).map(([path, f]) => ({ path, bytes: f.bytes, verified: f.verified }));
    out.push({
      key: r.key,
      modelId: r.modelId,
      dtype: r.dtype,
      repo: r.source.repo,
      revision: r.source.revision,
      appVersion: r.appVersion,
      formatVersion: r.formatVersion,
      complete: r.complete,
      storedBytes: await store.storedBytes(r.key),
      totalBytes: files.reduce((n, f) => n + f.bytes, 0),
      updatedAt: r.updatedAt,
      files,
    });
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt);
}
