// The model in use, in the header: a one-line status that opens the full picker.
import { ModelPicker, type ModelPickerProps } from './ModelPicker';
import type { ModelLoadState } from './LoadStatus';

export function loadSummary(load: ModelLoadState): string {
  switch (load.status) {
    case 'idle':
      return 'not loaded';
    case 'loading': {
      if (load.download?.state === 'paused') return `download paused at ${Math.floor(load.download.percent)} %`;
      const total = load.totalBytes ?? 0;
      return total > 0 ? `loading ${Math.floor(((load.loadedBytes ?? 0) / total) * 100)} %` : 'loading';
    }
    case 'ready':
      return 'ready';
    case 'error':
      return 'failed to load';
  }
}

export function ModelMenu(props: ModelPickerProps) {
  const selected = props.models.find((m) => m.manifest.id === props.selectedId);
  return (
    <details className="model-menu">
      <summary>
        <span className="model-menu-label">{selected?.manifest.label ?? 'No model'}</span>
        <span className="model-menu-status"> · {loadSummary(props.load)}</span>
      </summary>
      <div className="model-menu-panel">
        <ModelPicker {...props} />
      </div>
    </details>
  );
}
