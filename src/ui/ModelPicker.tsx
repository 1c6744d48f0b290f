// Choosing a model: what each one is (plain words from the manifest), its download size, whether this
// browser can run it (and the typed reason when not), the chosen model's preflight (checklist, typed
// errors with fixes, what is stored, persistent storage) before anything is downloaded, loading (from the
// app, the hub with its download view, or a folder), example prompts for the chosen one, and the backend.
import { useId, type ReactNode } from 'react';
import type { BackendPreference } from '../engine/preference';
import type { EngineErrorInfo, PickedFile } from '../engine/protocol';
import type { ModelManifest, RuntimeChoice } from '../models/manifest';
import type { Persistence } from '../store/engine';
import type { PreflightInfo } from '../store/preflight-info';
import { ExamplePrompts } from './ExamplePrompts';
import { FolderPicker } from './FolderPicker';
import { formatBytes } from './format';
import { LoadStatus, type DownloadControls, type ModelLoadState } from './LoadStatus';
import { PreflightChecklist } from './PreflightChecklist';

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

export interface ModelPickerProps extends DownloadControls {
  models: readonly ModelEntry[];
  selectedId: string;
  onSelect: (id: string) => void;
  backend: BackendChoice;
  onBackendChange: (backend: BackendChoice) => void;
  load: ModelLoadState;
  onLoad?: () => void;
  onExample?: (prompt: string) => void;
  /** The selected model's preflight (shown when it is for the selected model). */
  preflight?: PreflightInfo | null;
  /** The answer of the persistent-storage request, once asked. */
  persistence?: Persistence | null;
  /** Load the selected model from a folder on disk (no network). */
  onLoadFolder?: (files: PickedFile[]) => void;
  /** Another tab runs the engine: nothing loads here until "Use here". */
  engineElsewhere?: boolean;
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

export function ModelPicker(props: ModelPickerProps) {
  const { models, selectedId, onSelect, backend, onBackendChange, load, onLoad, onExample, onLoadFolder, engineElsewhere } = props;
  const name = useId();
  const backendId = useId();
  const selected = models.find((m) => m.manifest.id === selectedId);
  const preflight = props.preflight?.modelId === selectedId ? props.preflight : null;
  const blocked = selected?.reason !== undefined || (preflight?.errors.length ?? 0) > 0;
  const busy = load.status === 'loading';
  return (
    <section className="model-picker" aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>Model</h2>
      <LoadStatus load={load} onLoad={onLoad} canLoad={!blocked && !engineElsewhere} onPause={props.onPause} onResume={props.onResume} onCancel={props.onCancel} />
      {onLoadFolder && (
        <p className="folder-load">
          <FolderPicker onPick={onLoadFolder} disabled={busy || engineElsewhere || selected?.reason !== undefined} />
          <span className="hint"> A folder holding {selected?.manifest.label ?? 'the model'} in the hub layout (config.json, onnx/): no network.</span>
        </p>
      )}
      <fieldset className="model-options">
        <legend className="visually-hidden">Choose a model</legend>
        {models.map((entry) => {
          const checked = entry.manifest.id === selectedId;
          return (
            <ModelOption key={entry.manifest.id} entry={entry} group={name} checked={checked} onSelect={onSelect} onExample={onExample}>
              {checked && preflight && <PreflightChecklist preflight={preflight} downloads={entry.manifest.source.kind === 'hub'} persistence={props.persistence} />}
            </ModelOption>
          );
        })}
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
  /** The preflight of the chosen model. */
  children?: ReactNode;
}

function ModelOption({ entry, group, checked, onSelect, onExample, children }: ModelOptionProps) {
  const { manifest, reason, runtime, examples } = entry;
  const id = `${group}-${manifest.id}`;
  const size = downloadBytes(entry);
  const where = manifest.source.kind === 'builtin' ? 'built in' : `downloads from Hugging Face (${manifest.source.repo})`;
  return (
    <div className={`model-option${checked ? ' selected' : ''}${reason ? ' unavailable' : ''}`}>
      {/* A model that cannot run here can still be picked: its preflight then says exactly why. */}
      <input type="radio" id={id} name={group} checked={checked} aria-describedby={`${id}-desc`} onChange={() => onSelect(manifest.id)} />
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
          {reason && !(checked && children) && (
            <p className="model-reason">
              <strong>Cannot run in this browser:</strong> {reason.message} {reason.fix}
            </p>
          )}
        </div>
        {children}
        {checked && examples && onExample && <ExamplePrompts prompts={examples} onPick={onExample} />}
      </div>
    </div>
  );
}
