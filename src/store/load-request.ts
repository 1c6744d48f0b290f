// What the engine is asked to load for a model of the manifest: built-in models from the app's own /models/,
// hub models downloaded from their hub into this browser's storage, or a folder the person picked. The
// manifest's file list always goes along, so sizes (and SHA-256 where known) are checked in the worker.
import type { AssetPaths } from '../engine/api';
import type { LoadRequest, PickedFile } from '../engine/protocol';
import type { ModelManifest, RuntimeChoice } from '../models/manifest';

export interface LoadContext {
  paths: AssetPaths;
  /** Recorded with a download (the Models screen shows which app version stored what). */
  appVersion: string;
  /** Load from these picked files instead (no network). */
  folder?: readonly PickedFile[];
}

export function loadRequestFor(model: ModelManifest, runtime: RuntimeChoice, ctx: LoadContext): Omit<LoadRequest, 'type'> {
  const base = { modelId: model.id, device: runtime.device, dtype: runtime.dtype, appVersion: ctx.appVersion };
  const files = model.files[runtime.dtype];
  const withFiles = files ? { files } : {};
  if (ctx.folder) return { ...base, source: { kind: 'folder', files: [...ctx.folder] }, ...withFiles };
  if (model.source.kind === 'hub') {
    const { host, repo, revision } = model.source;
    return { ...base, source: { kind: 'hub', host, repo, revision }, ...withFiles };
  }
  return { ...base, ...ctx.paths, ...withFiles };
}
