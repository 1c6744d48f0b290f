// The user's backend choice (Auto / WebGPU / CPU) applied to the pure runtime decision of capabilities.ts:
// Auto takes what chooseRuntime picks; a forced backend either gets it or the typed reason it cannot.
import type { ModelManifest, RuntimeChoice } from '../models/manifest';
import { chooseRuntime } from './capabilities';
import { EngineError, type ProbeResult } from './protocol';

export type BackendPreference = 'auto' | 'webgpu' | 'cpu';

export function chooseRuntimeFor(model: ModelManifest, caps: ProbeResult, preference: BackendPreference): RuntimeChoice | EngineError {
  if (preference === 'cpu') {
    if (!model.allowWasm) return new EngineError('no-webgpu', `${model.label} runs only on WebGPU, and the CPU backend is selected.`, 'Set the backend to Auto or WebGPU.');
    return chooseRuntime(model, { ...caps, webgpu: false });
  }
  const choice = chooseRuntime(model, caps);
  if (preference === 'auto' || choice instanceof EngineError || choice.device === 'webgpu') return choice;
  // WebGPU was asked for, but this browser/GPU would fall back to the CPU.
  return caps.webgpu
    ? new EngineError('no-shader-f16', `${model.label} cannot run on this GPU's WebGPU (it lacks ${[...new Set(Object.values(model.requiredFeatures).flat())].join(', ')}).`, 'Set the backend to Auto or CPU.')
    : new EngineError('no-webgpu', 'This browser offers no WebGPU.', 'Set the backend to Auto or CPU, or use a browser with WebGPU (Chrome or Edge 113+, Safari 26+).');
}
