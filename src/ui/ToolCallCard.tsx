// One tool call: which tool, with what arguments, whether it is running, worked or failed, what it returned
// and how long it took. Arguments and results are model/tool text: shown as text, JSON pretty-printed.
import type { ToolPartStatus } from '../chat/parts';
import type { ChatError } from '../chat/types';
import { formatMs, prettyJson } from './format';

export interface ToolCallCardProps {
  tool: string;
  argsText: string;
  status: ToolPartStatus;
  output?: string;
  error?: ChatError;
  ms?: number;
}

const STATUS_TEXT: Record<ToolPartStatus, string> = {
  writing: 'Preparing…',
  running: 'Running…',
  ok: 'Done',
  error: 'Failed',
};

export function ToolCallCard({ tool, argsText, status, output, error, ms }: ToolCallCardProps) {
  return (
    <article className="tool-card" data-status={status} aria-label={`Tool call: ${tool}`} aria-busy={status === 'writing' || status === 'running'}>
      <header className="tool-card-header">
        <span className="tool-name">
          <span aria-hidden="true">⚙ </span>
          <code>{tool}</code>
        </span>
        <span className="tool-status">{STATUS_TEXT[status]}</span>
        {ms !== undefined && <span className="tool-duration">{formatMs(ms)}</span>}
      </header>
      <div className="tool-section">
        <div className="tool-section-title">Arguments</div>
        <pre className="tool-args">{argsText === '' ? '(none)' : prettyJson(argsText)}</pre>
      </div>
      {error && (
        <div className="tool-error">
          <p>{error.message}</p>
          <p className="fix">{error.fix}</p>
        </div>
      )}
      {output !== undefined && (
        <div className="tool-section">
          <div className="tool-section-title">{error ? 'Sent to the model' : 'Result'}</div>
          <pre className="tool-output">{prettyJson(output)}</pre>
        </div>
      )}
    </article>
  );
}
