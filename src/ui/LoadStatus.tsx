// Where loading the chosen model stands: not loaded, downloading (bytes, %; a hub model's download view with
// speed, time left, pause / resume / cancel), preparing, ready, or failed (typed, with its fix and a retry).
import type { Backend, DownloadProgress, Dtype, EngineErrorInfo } from '../engine/protocol';
import { DownloadView } from './DownloadView';
import { formatBytes } from './format';

export interface ModelLoadState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadedBytes?: number;
  totalBytes?: number;
  /** How it runs once ready. */
  backend?: Backend;
  dtype?: Dtype;
  error?: EngineErrorInfo;
  /** A hub download in progress (the download view). */
  download?: DownloadProgress;
  /** Loaded from a folder the person picked. */
  fromFolder?: boolean;
}

const BACKEND_NAMES: Record<Backend, string> = { webgpu: 'WebGPU', wasm: 'CPU (WebAssembly)', cpu: 'CPU' };

export interface DownloadControls {
  onPause?: () => void;
  onResume?: () => void;
  onCancel?: () => void;
}

interface LoadStatusProps extends DownloadControls {
  load: ModelLoadState;
  /** Load (or retry loading) the chosen model; without it loading is the owner's business. */
  onLoad?: () => void;
  canLoad: boolean;
}

export function LoadStatus({ load, onLoad, canLoad, ...controls }: LoadStatusProps) {
  const loadButton = onLoad && (
    <button type="button" onClick={onLoad} disabled={!canLoad}>
      {load.status === 'error' ? 'Try loading again' : 'Load model'}
    </button>
  );
  switch (load.status) {
    case 'idle':
      return <div className="load-status">{loadButton ?? <p>Not loaded yet.</p>}</div>;
    case 'loading': {
      if (load.download && load.download.state !== 'done')
        return (
          <div className="load-status">
            <DownloadView download={load.download} {...controls} />
          </div>
        );
      const total = load.totalBytes ?? 0;
      const loaded = Math.min(load.loadedBytes ?? 0, total);
      const pct = total > 0 ? Math.floor((loaded / total) * 100) : undefined;
      const downloading = !load.download && (total === 0 || loaded < total);
      const what = load.fromFolder ? 'Loading the model from the folder' : 'Loading the model';
      return (
        <div className="load-status">
          <progress aria-label="Loading the model" max={total > 0 ? total : undefined} value={total > 0 ? loaded : undefined} />
          <p>
            {downloading
              ? pct === undefined || load.fromFolder
                ? `${what}…`
                : `${what}: ${formatBytes(loaded)} of ${formatBytes(total)} (${pct} %)`
              : load.backend === 'webgpu'
                ? 'Preparing the model (compiling GPU shaders, warming up)…'
                : 'Preparing the model…'}
          </p>
        </div>
      );
    }
    case 'ready':
      return (
        <div className="load-status">
          <p>
            Ready{load.backend ? ` on ${BACKEND_NAMES[load.backend]}` : ''}
            {load.dtype ? `, ${load.dtype}` : ''}
            {load.fromFolder ? ', from the picked folder' : ''}.
          </p>
        </div>
      );
    case 'error':
      return (
        <div className="load-status load-error" role="alert" data-code={load.error?.code}>
          <p>
            <strong>{load.error?.message ?? 'The model could not be loaded.'}</strong> {load.error?.fix}{' '}
            {load.error && <code className="error-code">{load.error.code}</code>}
          </p>
          {loadButton}
        </div>
      );
  }
}
