// User-defined tools as the settings store reads them back from localStorage: only entries of the right shape
// survive (a hand-edited or old entry never breaks the app). Whether a tool is usable (its name, schema, code)
// is decided later by definitionProblems, which the settings dialog shows and the chat applies.
import type { JsonSchema } from '../harmony/types';
import { DEFAULT_TOOL_TIMEOUT_MS, type ApprovalMode, type UserTool, type UserToolImplementation } from '../tools/user/types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function implementation(v: unknown): UserToolImplementation | undefined {
  if (!isRecord(v)) return undefined;
  if (v.kind === 'ask') return { kind: 'ask' };
  if (v.kind === 'code' && typeof v.code === 'string') return { kind: 'code', code: v.code };
  return undefined;
}

export function sanitizeUserTool(v: unknown): UserTool | undefined {
  if (!isRecord(v)) return undefined;
  const impl = implementation(v.implementation);
  if (typeof v.id !== 'string' || v.id === '' || typeof v.name !== 'string' || typeof v.description !== 'string' || !isRecord(v.parameters) || !impl) return undefined;
  return {
    id: v.id,
    name: v.name,
    description: v.description,
    parameters: v.parameters as JsonSchema,
    implementation: impl,
    approval: v.approval === 'auto' ? 'auto' : ('ask' satisfies ApprovalMode),
    timeoutMs: typeof v.timeoutMs === 'number' && Number.isFinite(v.timeoutMs) ? v.timeoutMs : DEFAULT_TOOL_TIMEOUT_MS,
    enabled: v.enabled !== false,
  };
}

/** Well-shaped tools in order, the first of any repeated id kept. */
export function sanitizeUserTools(v: unknown): UserTool[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const seen = new Set<string>();
  return v.flatMap((x) => {
    const t = sanitizeUserTool(x);
    if (!t || seen.has(t.id)) return [];
    seen.add(t.id);
    return [t];
  });
}
