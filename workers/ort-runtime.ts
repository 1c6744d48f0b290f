// The ONNX Runtime API the engine calls directly. The browser worker hands in ORT-web (the JSPI or
// asyncify build chosen in src/engine/ort-web.ts); in Node the engine loads onnxruntime-node itself, whose
// native WebGPU execution provider (Dawn) is the same C++ EP that ORT-web runs in the browser.
import type { Env, InferenceSession, Tensor, TensorConstructor } from 'onnxruntime-common';

export interface OrtApi {
  InferenceSession: { create(model: string | Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: TensorConstructor;
  env: Env;
  /** onnxruntime-node only: the execution providers compiled into this build. */
  listSupportedBackends?: () => { name: string }[];
}

export type { InferenceSession, Tensor };

export const IS_NODE = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

// A variable, so that bundlers for the browser leave this Node-only import alone.
const NODE_ORT = 'onnxruntime-node';

/** onnxruntime-node, the same module instance transformers.js uses in Node. */
export async function loadNodeOrt(): Promise<OrtApi> {
  const m = (await import(/* @vite-ignore */ NODE_ORT)) as { default?: OrtApi } & OrtApi;
  return m.default ?? m;
}

/** Whether this ORT build can create sessions on `ep` (only onnxruntime-node says; ORT-web is assumed able). */
export function hasExecutionProvider(ort: OrtApi, ep: string): boolean {
  return ort.listSupportedBackends ? ort.listSupportedBackends().some((b) => b.name === ep) : true;
}

/** Frees GPU-resident tensors (a CPU tensor is garbage collected). */
export function release(tensors: Iterable<Tensor>): void {
  for (const t of tensors) if (t.location === 'gpu-buffer') t.dispose();
}
