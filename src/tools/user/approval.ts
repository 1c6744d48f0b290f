// Per-tool approval as data plus the pure decisions around it: whether a call needs the person's yes, and
// what each answer means. Deny does not fail silently: the model reads DENIED_TOOL_OUTPUT as the tool message.
import type { ApprovalMode } from './types';

export type ApprovalAnswer = 'allow-once' | 'always' | 'deny';

export const DENIED_TOOL_OUTPUT = 'The user denied this tool call.';

export function needsApproval(mode: ApprovalMode): boolean {
  return mode === 'ask';
}

export interface ApprovalOutcome {
  run: boolean;
  /** The tool's approval mode from now on (Always switches it to auto). */
  mode: ApprovalMode;
}

export function decideApproval(mode: ApprovalMode, answer: ApprovalAnswer): ApprovalOutcome {
  switch (answer) {
    case 'allow-once':
      return { run: true, mode };
    case 'always':
      return { run: true, mode: 'auto' };
    case 'deny':
      return { run: false, mode };
  }
}
