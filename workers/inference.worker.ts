/// <reference lib="webworker" />
// The inference worker: a thin adapter between postMessage and the engine core. It knows models and
// tensors, nothing about chats. Requests are handled one at a time, except abort, which must overtake.
import { probeCapabilities } from '../src/engine/capabilities';
import { EngineError, FIXES, type EngineEvent, type EngineRequest } from '../src/engine/protocol';
import * as ortWeb from '../src/engine/ort-web';
import { EngineCore } from './engine-core';
import { pickStore } from './storage/pick-store';
import { listStoredModels } from './stored-models';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (e: EngineEvent) => scope.postMessage(e.type === 'load.ready' ? { ...e, ortBuild: ortWeb.ORT_BUILD } : e);
// The engine calls the same ORT-web build that transformers.js is aliased to (src/engine/ort-web.ts).
const core = new EngineCore(post, { ort: ortWeb });
let queue: Promise<void> = Promise.resolve();

function report(e: unknown, requestId?: string): void {
  const err = e instanceof EngineError ? e : new EngineError('inference-failed', e instanceof Error ? e.message : String(e), FIXES['inference-failed']);
  post({ type: 'error', ...(requestId === undefined ? {} : { requestId }), ...err.toInfo() });
}

async function handle(req: EngineRequest): Promise<void> {
  switch (req.type) {
    case 'probe':
      return post({ type: 'probe.result', result: await probeCapabilities() });
    case 'load':
      return core.load(req);
    case 'generate':
      return core.generate(req);
    case 'unload':
      await core.unload();
      return post({ type: 'unloaded' });
    case 'abort':
      return core.abort(req.requestId);
    case 'models.delete':
      await pickStore().remove(req.key);
      return post({ type: 'models.deleted', key: req.key });
    case 'models.list':
    case 'download.pause':
    case 'download.resume':
    case 'download.cancel':
      return overtaking(req);
  }
}

/** Requests that must not wait behind a running load: download control, and the stored-models list. */
async function overtaking(req: EngineRequest): Promise<void> {
  switch (req.type) {
    case 'download.pause':
    case 'download.resume':
    case 'download.cancel':
      return core.controlDownload(req.type.slice('download.'.length) as 'pause' | 'resume' | 'cancel');
    case 'models.list': {
      const store = pickStore();
      return post({ type: 'models.list.result', models: await listStoredModels(store), backend: store.kind === 'memory' ? 'none' : store.kind });
    }
  }
}

scope.onmessage = (ev: MessageEvent<EngineRequest>) => {
  const req = ev.data;
  if (req.type === 'abort') return core.abort(req.requestId);
  if (req.type === 'models.list' || req.type.startsWith('download.')) return void overtaking(req).catch((e: unknown) => report(e));
  // Deleting the model that is downloading cancels that download first; the delete then waits its turn.
  if (req.type === 'models.delete' && core.activeDownloadKey === req.key) core.controlDownload('cancel');
  const requestId = req.type === 'generate' ? req.requestId : undefined;
  queue = queue.then(() => handle(req)).catch((e: unknown) => report(e, requestId));
};
