// Tokens the conversation takes out of the model's context, with a warning before it overflows.
import { useId } from 'react';

export interface ContextMeterProps {
  /** Tokens of the rendered conversation (exact, from the Harmony render). */
  used: number;
  /** The model's context length. */
  total: number;
}

/** From this share on the meter warns. */
export const CONTEXT_WARN_RATIO = 0.9;

export function ContextMeter({ used, total }: ContextMeterProps) {
  const labelId = useId();
  const ratio = total > 0 ? used / total : 0;
  const warning =
    ratio >= 1
      ? 'The conversation no longer fits the context: start a new chat.'
      : ratio >= CONTEXT_WARN_RATIO
        ? 'Context almost full: start a new chat soon.'
        : undefined;
  return (
    <div className={`context-meter${warning ? ' warn' : ''}`}>
      <span id={labelId}>Context</span>
      <meter aria-labelledby={labelId} min={0} max={total} value={Math.min(used, total)} low={total * 0.75} high={total * CONTEXT_WARN_RATIO} optimum={0} />
      <span className="context-count">
        {used.toLocaleString('en')} / {total.toLocaleString('en')} tokens
      </span>
      {warning && <span className="context-warning">{warning}</span>}
    </div>
  );
}
