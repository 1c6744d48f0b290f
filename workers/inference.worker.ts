/// <reference lib="webworker" />
// The inference worker: a thin adapter between postMessage and the engine core. It knows models and
// tensors, nothing about chats. Requests are handled one at a time, except abort, which must overtake.
import { probeCapabilities } from '../src/engine/capabilities';
import { EngineError, FIXES, type EngineEvent, type EngineRequest } from '../src/engine/protocol';
import * as ortWeb from '../src/engine/ort-web';
import { EngineCore } from './engine-core';

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
  }
}

scope.onmessage = (ev: MessageEvent<EngineRequest>) => {
  const req = ev.data;
  if (req.type === 'abort') return core.abort(req.requestId);
  const requestId = req.type === 'generate' ? req.requestId : undefined;
  queue = queue.then(() => handle(req)).catch((e: unknown) => report(e, requestId));
};
