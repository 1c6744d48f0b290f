// Choosing a model: what each one is (plain words from the manifest), its download size, whether this
// browser can run it (and the typed reason when not), load progress, example prompts for the chosen
// one, and the backend.
import { useId } from 'react';
import type { BackendPreference } from '../engine/preference';
import type { EngineErrorInfo } from '../engine/protocol';
import type { ModelManifest, RuntimeChoice } from '../models/manifest';
import { ExamplePrompts } from './ExamplePrompts';
import { formatBytes } from './format';
import { LoadStatus, type ModelLoadState } from './LoadStatus';

/** The user's backend preference, as the settings store keeps it. */
export type BackendChoice = BackendPreference;

export interface ModelEntry {
  manifest: Pick<ModelManifest, 'id' | 'label' | 'description' | 'bytes' | 'dtypes' | 'source'>;
  /** How it would run here (chooseRuntime); neither runtime nor reason = the browser is still being probed. */
  runtime?: RuntimeChoice;
  /** Why it cannot run here (chooseRuntime's EngineError as data). */
  reason?: EngineErrorInfo;
  /** Prompts the model is known to handle (the demo model's), offered as buttons. */
  examples?: readonly string[];
}

export interface ModelPickerProps {
  models: readonly ModelEntry[];
  selectedId: string;
  onSelect: (id: string) => void;
  backend: BackendChoice;
  onBackendChange: (backend: BackendChoice) => void;
  load: ModelLoadState;
  onLoad?: () => void;
  onExample?: (prompt: string) => void;
}

const BACKENDS: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'cpu', label: 'CPU' },
];

/** Download size for the dtype it would run with (else its best dtype). */
export function downloadBytes(entry: ModelEntry): number | undefined {
  const { bytes, dtypes } = entry.manifest;
  const dtype = entry.runtime?.dtype ?? dtypes[0];
  return dtype ? bytes[dtype] : undefined;
}

export function ModelPicker({ models, selectedId, onSelect, backend, onBackendChange, load, onLoad, onExample }: ModelPickerProps) {
  const name = useId();
  const backendId = useId();
  const selected = models.find((m) => m.manifest.id === selectedId);
  return (
    <section className="model-picker" aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>Model</h2>
      <LoadStatus load={load} onLoad={onLoad} canLoad={selected?.reason === undefined} />
      <fieldset className="model-options">
        <legend className="visually-hidden">Choose a model</legend>
        {models.map((entry) => (
          <ModelOption key={entry.manifest.id} entry={entry} group={name} checked={entry.manifest.id === selectedId} onSelect={onSelect} onExample={onExample} />
        ))}
      </fieldset>
      <div className="backend-choice">
        <label htmlFor={backendId}>Backend</label>
        <select id={backendId} value={backend} onChange={(e) => onBackendChange(e.target.value as BackendChoice)}>
          {BACKENDS.map((b) => (
            <option key={b.value} value={b.value}>
              {b.label}
            </option>
          ))}
        </select>
        <span className="hint">Pick CPU if the GPU misbehaves.</span>
      </div>
    </section>
  );
}

interface ModelOptionProps {
  entry: ModelEntry;
  group: string;
  checked: boolean;
  onSelect: (id: string) => void;
  onExample?: (prompt: string) => void;
}

function ModelOption({ entry, group, checked, onSelect, onExample }: ModelOptionProps) {
  const { manifest, reason, runtime, examples } = entry;
  const id = `${group}-${manifest.id}`;
  const size = downloadBytes(entry);
  const where = manifest.source.kind === 'builtin' ? 'built in' : `downloads from Hugging Face (${manifest.source.repo})`;
  return (
    <div className={`model-option${checked ? ' selected' : ''}${reason ? ' unavailable' : ''}`}>
      <input
        type="radio"
        id={id}
        name={group}
        checked={checked}
        disabled={reason !== undefined}
        aria-describedby={`${id}-desc`}
        onChange={() => onSelect(manifest.id)}
      />
      <div className="model-text">
        <label htmlFor={id} className="model-label">
          {manifest.label}
        </label>
        <div id={`${id}-desc`}>
          <p className="model-meta">
            {size !== undefined ? `${formatBytes(size)}, ` : ''}
            {where}
            {runtime ? ` · runs on ${runtime.device === 'webgpu' ? 'WebGPU' : 'CPU'} (${runtime.dtype})` : ''}
            {!runtime && !reason ? ' · checking this browser…' : ''}
          </p>
          <p className="model-description">{manifest.description}</p>
          {reason && (
            <p className="model-reason">
              <strong>Cannot run in this browser:</strong> {reason.message} {reason.fix}
            </p>
          )}
        </div>
        {checked && examples && onExample && <ExamplePrompts prompts={examples} onPick={onExample} />}
      </div>
    </div>
  );
}
