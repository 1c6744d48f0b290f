// A big model's download: one bar over all files with bytes, %, speed and time left; Pause / Resume /
// Cancel; what the manager is doing (checking what is stored, retrying after a dropped connection,
// verifying); per-file detail on demand.
import type { DownloadFileProgress, DownloadProgress } from '../engine/protocol';
import { formatBytes, formatEta, formatMs, formatSpeed } from './format';

export interface DownloadViewProps {
  download: DownloadProgress;
  onPause?: () => void;
  onResume?: () => void;
  onCancel?: () => void;
}

const FILE_STATES: Record<DownloadFileProgress['state'], string> = {
  pending: 'waiting',
  downloading: 'downloading',
  verifying: 'verifying',
  done: 'done',
  skipped: 'skipped',
};

function stateLine(d: DownloadProgress): string {
  switch (d.state) {
    case 'checking':
      return 'Checking what is already stored…';
    case 'paused':
      return 'Paused. Files already downloaded are kept.';
    case 'retrying':
      return d.retry ? `Connection problem (${d.retry.reason}); retrying in ${formatMs(d.retry.inMs)} (attempt ${d.retry.attempt}).` : 'Retrying…';
    case 'verifying':
      return `Verifying ${d.file ?? 'the files'}…`;
    case 'cancelled':
      return 'Cancelled.';
    case 'done':
      return 'Downloaded and verified.';
    case 'downloading':
      return d.file ? `Downloading ${d.file}` : 'Downloading…';
  }
}

export function DownloadView({ download: d, onPause, onResume, onCancel }: DownloadViewProps) {
  const pct = Math.floor(d.percent);
  const done = d.files.filter((f) => f.state === 'done').length;
  const running = d.state === 'downloading' || d.state === 'retrying' || d.state === 'checking' || d.state === 'verifying';
  return (
    <div className="download-view" data-state={d.state}>
      <progress aria-label="Downloading the model" max={d.totalBytes > 0 ? d.totalBytes : undefined} value={d.totalBytes > 0 ? d.storedBytes : undefined} />
      <p className="download-figures">
        {formatBytes(d.storedBytes)} of {formatBytes(d.totalBytes)} ({pct} %)
        {d.state === 'downloading' && d.bytesPerSecond > 0 ? ` · ${formatSpeed(d.bytesPerSecond)}` : ''}
        {d.state === 'downloading' && d.etaSeconds !== null ? ` · ${formatEta(d.etaSeconds)} left` : ''}
      </p>
      <p className="download-state" role="status">
        {stateLine(d)}
      </p>
      <div className="download-actions">
        {d.state === 'paused' ? (
          <button type="button" onClick={onResume}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={onPause} disabled={!running}>
            Pause
          </button>
        )}
        <button type="button" onClick={onCancel} disabled={d.state === 'cancelled' || d.state === 'done'}>
          Cancel
        </button>
      </div>
      <details className="download-files">
        <summary>
          Files ({done} of {d.files.length} done)
        </summary>
        <table>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Stored</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {d.files.map((f) => (
              <tr key={f.path} data-state={f.state}>
                <td>
                  <code>{f.path}</code>
                </td>
                <td>
                  {formatBytes(f.stored)} of {formatBytes(f.bytes)}
                </td>
                <td>{FILE_STATES[f.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {d.resumed + d.rangeIgnored + d.corruptRefetched > 0 && (
          <p className="hint">
            Resumed {d.resumed} time(s) from the last byte written; {d.rangeIgnored} restart(s) where the server ignored the range; {d.corruptRefetched} file(s)
            fetched again after failing verification.
          </p>
        )}
      </details>
    </div>
  );
}
