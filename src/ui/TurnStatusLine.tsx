// How a reply ended when that is worth saying: stopped by the user, cut at the length or tool-round limit,
// failed (with the fix sentence and Retry), interrupted, or repaired by the tolerant parser.
import type { AssistantTurn } from '../chat/types';

interface TurnStatusLineProps {
  turn: AssistantTurn;
  onRetry?: () => void;
}

export function TurnStatusLine({ turn, onRetry }: TurnStatusLineProps) {
  const { status, stopReason, error } = turn;
  const retry = onRetry && (
    <button type="button" onClick={onRetry}>
      Retry
    </button>
  );
  if (status === 'error') {
    return (
      <div className="turn-status turn-error" role="alert">
        <p>
          <strong>{error?.message ?? 'The reply failed.'}</strong> {error?.fix ?? 'Try again.'}
        </p>
        {retry}
      </div>
    );
  }
  if (status === 'interrupted') {
    return (
      <div className="turn-status">
        <p>Interrupted: the page closed while this reply was being written.</p>
        {retry}
      </div>
    );
  }
  const notes: string[] = [];
  if (status === 'stopped') notes.push('Stopped');
  if (stopReason === 'tool-limit') notes.push(error ? `${error.message} ${error.fix}` : 'Stopped after too many tool calls in one reply.');
  if (stopReason === 'length') notes.push('Cut off at the maximum reply length.');
  if (turn.warnings.length > 0) notes.push(`The model's output broke the Harmony format and was repaired (${turn.warnings.join('; ')}).`);
  if (notes.length === 0) return null;
  return (
    <div className="turn-status">
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
