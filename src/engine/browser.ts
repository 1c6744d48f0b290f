// The app's engine in a browser: an EngineClient over the inference worker, started on first use (so the
// worker's chunk is not fetched before the page has painted). The only place the app creates the worker.
import type { AssetPaths, EngineApi } from './api';
import { EngineClient } from './client';

export function createBrowserEngine(): EngineApi {
  let client: EngineClient | undefined;
  const get = (): EngineClient =>
    (client ??= new EngineClient(() => new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'overtone-engine' })));
  return {
    probe: () => get().probe(),
    load: (req, onProgress) => get().load(req, onProgress),
    generate: (req) => get().generate(req),
    abort: (requestId) => get().abort(requestId),
    get respawns() {
      return client?.respawns ?? 0;
    },
  };
}

/** The built-in models, served by the app itself (never a CDN). */
export function browserAssetPaths(): AssetPaths {
  const base = new URL(import.meta.env.BASE_URL, location.href).href;
  return { localModelPath: `${base}models/` };
}
