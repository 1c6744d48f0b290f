// The closed sets an import checks against, written as records keyed by the types' own unions so the
// compiler flags this file whenever a union (or TurnStats) gains or loses a member.
import type { ChatErrorCode, StopReason, ToolRunStatus, TurnStats, TurnStatus } from '../types';
import type { ReasoningEffort } from '../../harmony/types';

const keys = <K extends string>(r: Record<K, true>): readonly K[] => Object.keys(r) as K[];

export const ERROR_CODES = keys<ChatErrorCode>({
  'no-webgpu': true, 'no-shader-f16': true, 'buffer-limit': true, quota: true, download: true, 'device-lost': true,
  'bad-model': true, 'bad-request': true, 'not-loaded': true, 'worker-crashed': true, 'inference-failed': true,
  'no-gpu-adapter': true, 'no-jspi': true, cancelled: true, 'incomplete-folder': true,
  'engine-elsewhere': true,
  'tool-args': true, 'tool-unknown': true, 'tool-timeout': true, 'tool-failed': true, 'tool-limit': true,
  'harmony-parse': true, 'context-full': true, 'storage-quota': true, 'storage-unavailable': true,
  'import-invalid': true, 'tool-denied': true, 'tool-invalid': true,
});
export const TURN_STATUSES = keys<Exclude<TurnStatus, 'streaming'>>({ done: true, stopped: true, error: true, interrupted: true });
export const STOP_REASONS = keys<StopReason>({ stop: true, length: true, abort: true, 'tool-limit': true, error: true });
export const TOOL_STATUSES = keys<ToolRunStatus>({ running: true, ok: true, error: true });
export const EFFORTS = keys<ReasoningEffort>({ low: true, medium: true, high: true });

/** TurnStats fields in file order; optional ones may be absent. The per-round engine figures (roundStats)
 *  and the per-token time breakdown stay out of exports: the turn's totals are kept, a file stays small. */
export const STAT_FIELDS: Record<Exclude<keyof TurnStats, 'roundStats' | 'breakdown'>, 'required' | 'optional'> = {
  prefillTokens: 'required',
  prefillMs: 'required',
  decodeTokens: 'required',
  decodeMs: 'required',
  reusedTokens: 'required',
  ttftMs: 'optional',
  analysisTokens: 'required',
  finalTokens: 'required',
  rounds: 'required',
};
