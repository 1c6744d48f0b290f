// Where loading the chosen model stands: not loaded, downloading (bytes, %), preparing, ready, or failed.
import type { Backend, Dtype, EngineErrorInfo } from '../engine/protocol';
import { formatBytes } from './format';

export interface ModelLoadState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadedBytes?: number;
  totalBytes?: number;
  /** How it runs once ready. */
  backend?: Backend;
  dtype?: Dtype;
  error?: EngineErrorInfo;
}

const BACKEND_NAMES: Record<Backend, string> = { webgpu: 'WebGPU', wasm: 'CPU (WebAssembly)', cpu: 'CPU' };

interface LoadStatusProps {
  load: ModelLoadState;
  /** Load (or retry loading) the chosen model; without it loading is the owner's business. */
  onLoad?: () => void;
  canLoad: boolean;
}

export function LoadStatus({ load, onLoad, canLoad }: LoadStatusProps) {
  const loadButton = onLoad && (
    <button type="button" onClick={onLoad} disabled={!canLoad}>
      {load.status === 'error' ? 'Try loading again' : 'Load model'}
    </button>
  );
  switch (load.status) {
    case 'idle':
      return <div className="load-status">{loadButton ?? <p>Not loaded yet.</p>}</div>;
    case 'loading': {
      const total = load.totalBytes ?? 0;
      const loaded = Math.min(load.loadedBytes ?? 0, total);
      const pct = total > 0 ? Math.floor((loaded / total) * 100) : undefined;
      const downloading = total === 0 || loaded < total;
      return (
        <div className="load-status">
          <progress aria-label="Loading the model" max={total > 0 ? total : undefined} value={total > 0 ? loaded : undefined} />
          <p>
            {downloading
              ? pct === undefined
                ? 'Loading the model…'
                : `Loading the model: ${formatBytes(loaded)} of ${formatBytes(total)} (${pct} %)`
              : 'Preparing the model (compiling GPU shaders, warming up)…'}
          </p>
        </div>
      );
    }
    case 'ready':
      return (
        <div className="load-status">
          <p>
            Ready{load.backend ? ` on ${BACKEND_NAMES[load.backend]}` : ''}
            {load.dtype ? `, ${load.dtype}` : ''}.
          </p>
        </div>
      );
    case 'error':
      return (
        <div className="load-status load-error" role="alert">
          <p>
            <strong>{load.error?.message ?? 'The model could not be loaded.'}</strong> {load.error?.fix}
          </p>
          {loadButton}
        </div>
      );
  }
}
