// The model picker's preflight, as plain data: capabilities.ts's checklist and typed errors for one model,
// with what this browser already stores of it and the backend preference's own reason (CPU forced) when it
// blocks a model the hardware could run. Pure: the engine store gathers the inputs.
import { preflight, type PreflightCheck, type PreflightWarning } from '../engine/capabilities';
import { storedModelKey, type EngineErrorInfo, type ProbeResult, type StoredModelInfo } from '../engine/protocol';
import type { ModelManifest } from '../models/manifest';

export type StoredState = 'none' | 'partial' | 'complete';

export interface PreflightInfo {
  modelId: string;
  checks: PreflightCheck[];
  /** Blocking problems, most fundamental first: nothing is downloaded while there is one. */
  errors: EngineErrorInfo[];
  warnings: PreflightWarning[];
  download: { totalBytes: number; storedBytes: number; neededBytes: number };
  storage: { quota: number | null; usage: number | null; persisted: boolean | null };
  /** What this browser holds of a hub model ('none' for built-in models, which the app serves). */
  stored: StoredState;
}

/** The stored record of a hub model, if any. */
export function storedRecord(model: ModelManifest, stored: readonly StoredModelInfo[]): StoredModelInfo | undefined {
  if (model.source.kind !== 'hub') return undefined;
  const key = storedModelKey(model.source.repo, model.source.revision);
  return stored.find((m) => m.key === key);
}

export function preflightInfo(
  model: ModelManifest,
  probe: ProbeResult,
  opts: { stored?: StoredModelInfo; persisted?: boolean; preferenceReason?: EngineErrorInfo },
): PreflightInfo {
  const report = preflight(model, probe, {
    storedBytes: opts.stored?.storedBytes ?? 0,
    ...(opts.persisted === undefined ? {} : { persisted: opts.persisted }),
  });
  const errors = report.errors.map((e) => e.toInfo());
  if (opts.preferenceReason && !errors.some((e) => e.code === opts.preferenceReason!.code)) errors.unshift(opts.preferenceReason);
  return {
    modelId: model.id,
    checks: report.checks,
    errors,
    warnings: report.warnings,
    download: report.download,
    storage: report.storage,
    stored: !opts.stored ? 'none' : opts.stored.complete ? 'complete' : 'partial',
  };
}
