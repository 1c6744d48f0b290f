// The chosen model's preflight, shown before anything is downloaded: one line per requirement (passed,
// failed, not needed), each blocking problem as a typed error with its fix, warnings, what the download
// needs and what is already stored here, and the answer of the persistent-storage request.
import type { PreflightCheck, PreflightCheckId } from '../engine/capabilities';
import type { Persistence } from '../store/engine';
import type { PreflightInfo } from '../store/preflight-info';
import { formatBytes } from './format';

const CHECK_NAMES: Record<PreflightCheckId, string> = {
  webgpu: 'WebGPU',
  adapter: 'GPU adapter',
  'shader-f16': 'shader-f16',
  'buffer-size': 'Largest GPU buffer',
  'binding-size': 'Largest storage binding',
  jspi: 'JS Promise Integration',
  storage: 'Storage space',
  persisted: 'Persistent storage',
};

const PERSISTENCE: Record<Persistence, string> = {
  granted: 'Persistent storage: granted. The browser keeps the model until you delete it.',
  denied: 'Persistent storage: not granted. The browser may delete the model when disk space runs low; installing the app usually grants it.',
  unsupported: 'Persistent storage: this browser cannot be asked.',
};

function mark(ok: PreflightCheck['ok']): { symbol: string; words: string; state: string } {
  if (ok === true) return { symbol: '✓', words: 'passed', state: 'ok' };
  if (ok === false) return { symbol: '✗', words: 'failed', state: 'failed' };
  return { symbol: '–', words: 'not needed or unknown', state: 'na' };
}

interface PreflightChecklistProps {
  preflight: PreflightInfo;
  /** A hub model: the download figures and storage lines apply. */
  downloads: boolean;
  persistence?: Persistence | null;
}

export function PreflightChecklist({ preflight, downloads, persistence }: PreflightChecklistProps) {
  const { checks, errors, warnings, download, stored } = preflight;
  return (
    <section className="preflight" aria-label="Checks before loading">
      {errors.map((e) => (
        <div key={e.code} className="preflight-error" role="alert" data-code={e.code}>
          <p>
            <strong>{e.message}</strong> {e.fix} <code className="error-code">{e.code}</code>
          </p>
        </div>
      ))}
      {downloads && (
        <p className="preflight-download">
          {stored === 'complete'
            ? `Stored in this browser (${formatBytes(download.totalBytes)}): loads with no network.`
            : stored === 'partial'
              ? `${formatBytes(download.storedBytes)} of ${formatBytes(download.totalBytes)} already stored here; ${formatBytes(download.neededBytes)} left to download.`
              : `Downloads ${formatBytes(download.totalBytes)} once; nothing is downloaded until you press Load model.`}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w.code} className="preflight-warning" data-code={w.code}>
          {w.message} {w.fix}
        </p>
      ))}
      {downloads && persistence && <p className="preflight-persistence">{PERSISTENCE[persistence]}</p>}
      <details className="preflight-details" open={errors.length > 0}>
        <summary>What this browser can do</summary>
        <ul className="preflight-checks">
          {checks.map((c) => {
            const m = mark(c.ok);
            return (
              <li key={c.id} data-check={c.id} data-state={m.state}>
                <span aria-hidden="true" className="check-mark">
                  {m.symbol}
                </span>
                <span className="visually-hidden">{m.words}: </span>
                <span className="check-name">{CHECK_NAMES[c.id]}</span> — {c.detail}
              </li>
            );
          })}
        </ul>
      </details>
    </section>
  );
}
