// ONNX Runtime Web, the build chosen when the worker starts. transformers.js imports
// 'onnxruntime-web/webgpu' (the asyncify build); vite.config.ts points that import here instead.
// - JSPI build where the browser has JS Promise Integration (Chromium 137+): it mounts external data given
//   as Blobs and streams each initializer to the GPU, so loading never holds the whole model in memory
//   (ENGINE-NOTES risk 1; workers/external-data.ts hands it Blobs).
// - asyncify build elsewhere (Safari, Firefox): same API, reads each Blob whole.
// A worker named with "ort=asyncify" takes the asyncify build anyway (tests and benches compare the two).
// Both builds are imported statically: transformers.js reads this module's exports while it initialises,
// and a top-level await here would deadlock the worker's module graph.
import * as jspi from 'onnxruntime-web/jspi';
import * as asyncify from 'onnxruntime-web-asyncify';
import jspiWasm from 'onnxruntime-web/ort-wasm-simd-threaded.jspi.wasm?url';
import asyncifyWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

export type OrtBuild = 'jspi' | 'asyncify';

const workerName: unknown = (globalThis as { name?: unknown }).name;
const forced = typeof workerName === 'string' && workerName.includes('ort=asyncify');
export const ORT_BUILD: OrtBuild = 'Suspending' in WebAssembly && !forced ? 'jspi' : 'asyncify';

const ort = ORT_BUILD === 'jspi' ? jspi : asyncify;
// Self-hosted: the wasm Vite emits once, content-hashed, beside the bundle (the service worker precaches the
// JSPI one). Set before transformers.js initialises, which only sets its CDN default when none is set.
ort.env.wasm.wasmPaths = { wasm: new URL(ORT_BUILD === 'jspi' ? jspiWasm : asyncifyWasm, import.meta.url).href };

export const { InferenceSession, Tensor, env, registerBackend, TRACE, TRACE_FUNC_BEGIN, TRACE_FUNC_END, TRACE_EVENT_BEGIN, TRACE_EVENT_END } = ort;
export default ort;
