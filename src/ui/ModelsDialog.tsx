// The Models screen (a lazy chunk): the models this browser stores (which app version stored them, complete
// or partial, size), Delete with a confirmation, and the storage the browser grants (used / available /
// persisted). Built-in models are part of the app and are not listed.
import { useState } from 'react';
import type { EngineErrorInfo, StoredModelInfo } from '../engine/protocol';
import type { StorageFigures } from '../store/stored-models';
import { formatBytes } from './format';
import { Modal } from './Modal';

export interface ModelsDialogProps {
  onClose: () => void;
  status: 'idle' | 'loading' | 'ready' | 'error';
  models: readonly StoredModelInfo[];
  backend: 'opfs' | 'cache' | 'none' | null;
  storage: StorageFigures | null;
  error: EngineErrorInfo | null;
  /** The key being deleted. */
  deleting: string | null;
  onDelete: (key: string) => void;
  /** The running app's version (a model stored by another one says so). */
  appVersion: string;
  /** Manifest labels by model id. */
  labels: Record<string, string>;
}

const WHERE: Record<'opfs' | 'cache' | 'none', string> = {
  opfs: "in the browser's private file system for this site",
  cache: "in this site's Cache Storage",
  none: 'nowhere: this browser gives the site no persistent storage, so downloads last only until the tab closes',
};

export default function ModelsDialog(p: ModelsDialogProps) {
  return (
    <Modal title="Models" onClose={p.onClose} className="models-dialog">
      <StorageSummary storage={p.storage} backend={p.backend} />
      {p.error && (
        <div className="banner banner-error" role="alert" data-code={p.error.code}>
          <p>
            <strong>{p.error.message}</strong> {p.error.fix} <code className="error-code">{p.error.code}</code>
          </p>
        </div>
      )}
      {p.status === 'loading' && p.models.length === 0 ? (
        <p>Reading what is stored…</p>
      ) : p.models.length === 0 ? (
        <p>No downloaded models are stored in this browser.</p>
      ) : (
        <ul className="stored-models" aria-label="Stored models">
          {p.models.map((m) => (
            <StoredModel key={m.key} model={m} label={p.labels[m.modelId] ?? m.modelId} appVersion={p.appVersion} deleting={p.deleting === m.key} onDelete={p.onDelete} />
          ))}
        </ul>
      )}
      <p className="hint">Built-in models are part of the app; its service worker keeps them for offline use.</p>
    </Modal>
  );
}

function StorageSummary({ storage, backend }: Pick<ModelsDialogProps, 'storage' | 'backend'>) {
  if (!storage) return <p>This browser does not say how much storage it grants.</p>;
  const free = Math.max(0, storage.quota - storage.usage);
  const persisted = storage.persisted === null ? 'unknown' : storage.persisted ? 'yes (kept until you delete it)' : 'no (the browser may evict it when disk space runs low)';
  return (
    <dl className="storage-summary">
      <dt>Used</dt>
      <dd>{formatBytes(storage.usage)}</dd>
      <dt>Available</dt>
      <dd>{formatBytes(free)}</dd>
      <dt>Persistent</dt>
      <dd>{persisted}</dd>
      {backend && (
        <>
          <dt>Downloads are kept</dt>
          <dd>{WHERE[backend]}</dd>
        </>
      )}
    </dl>
  );
}

interface StoredModelProps {
  model: StoredModelInfo;
  label: string;
  appVersion: string;
  deleting: boolean;
  onDelete: (key: string) => void;
}

function StoredModel({ model: m, label, appVersion, deleting, onDelete }: StoredModelProps) {
  const [confirming, setConfirming] = useState(false);
  const state = m.complete ? 'Complete: loads with no network.' : `Partial: ${formatBytes(m.storedBytes)} of ${formatBytes(m.totalBytes)}; loading it continues the download.`;
  return (
    <li className="stored-model" data-key={m.key} data-complete={m.complete}>
      <p className="stored-model-name">
        <strong>{label}</strong> <span className="hint">{m.dtype}</span>
      </p>
      <p>
        {formatBytes(m.storedBytes)} · {state}
      </p>
      <p className="hint">
        {m.repo} at {m.revision.slice(0, 12)} · stored by Overtone {m.appVersion}
        {m.appVersion !== appVersion ? ` (this is ${appVersion})` : ''}
      </p>
      {confirming ? (
        <div className="confirm-delete" role="group" aria-label={`Delete ${label}?`}>
          <p>
            Delete {label} ({formatBytes(m.storedBytes)})? Loading it again downloads it again.
          </p>
          <button type="button" className="danger" disabled={deleting} onClick={() => onDelete(m.key)}>
            {deleting ? 'Deleting…' : 'Yes, delete'}
          </button>
          <button type="button" onClick={() => setConfirming(false)} disabled={deleting}>
            Keep
          </button>
        </div>
      ) : (
        <button type="button" aria-label={`Delete ${label}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
    </li>
  );
}
