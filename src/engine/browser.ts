// The app's engine in a browser: an EngineClient over the inference worker, started on first use (so the
// worker's chunk is not fetched before the page has painted). The only place the app creates the worker.
import type { AssetPaths, EngineApi } from './api';
import { EngineClient } from './client';

export function createBrowserEngine(): EngineApi {
  let client: EngineClient | undefined;
  // Subscribing does not start the worker: listeners are attached to the client when it starts.
  const listeners = new Set<Parameters<EngineApi['subscribe']>[0]>();
  const started = (): EngineClient => {
    if (client) return client;
    client = new EngineClient(() => new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'overtone-engine' }));
    client.subscribe((e) => listeners.forEach((l) => l(e)));
    return client;
  };
  return {
    probe: () => started().probe(),
    load: (req, onProgress) => started().load(req, onProgress),
    generate: (req) => started().generate(req),
    abort: (requestId) => started().abort(requestId),
    get respawns() {
      return client?.respawns ?? 0;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pauseDownload: () => client?.pauseDownload(),
    resumeDownload: () => client?.resumeDownload(),
    cancelDownload: () => client?.cancelDownload(),
    listModels: () => started().listModels(),
    deleteModel: (key) => started().deleteModel(key),
    stop: (reason) => client?.stop(reason),
  };
}

/** The built-in models, served by the app itself (never a CDN). */
export function browserAssetPaths(): AssetPaths {
  const base = new URL(import.meta.env.BASE_URL, location.href).href;
  return { localModelPath: `${base}models/` };
}
