// The person's sampling and context choices, kept as overrides of the model's manifest: an absent field means
// "the model's default", so a reset is an empty object and switching models keeps each model's own defaults.
// Pure: what the settings store keeps, how stored values are checked, what a turn runs with.
import type { Sampling } from '../engine/protocol';
import type { ModelManifest } from '../models/manifest';

export interface SamplingOverrides {
  /** 0 = greedy; the manifest's when absent. */
  temperature?: number;
  /** Nucleus sampling, (0, 1]. */
  topP?: number;
  /** Generated tokens per generation round (default: what is left of the context). */
  maxTokens?: number;
  /** A fixed seed repeats an answer; absent = a fresh seed per reply (Regenerate gives another answer). */
  seed?: number;
}

export const SAMPLING_LIMITS = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0.01, max: 1 },
  maxTokens: { min: 1, max: 1_000_000 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  contextCap: { min: 256, max: 10_000_000 },
} as const;

const INTEGER: ReadonlySet<string> = new Set(['maxTokens', 'seed', 'contextCap']);

/** The value when it is a number the field accepts (whole numbers where needed), else undefined. */
export function validNumber(field: keyof typeof SAMPLING_LIMITS, value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (INTEGER.has(field) && !Number.isInteger(value)) return undefined;
  const { min, max } = SAMPLING_LIMITS[field];
  return value >= min && value <= max ? value : undefined;
}

/** Keeps only the fields that are valid numbers. */
export function sanitizeSampling(stored: unknown): SamplingOverrides {
  if (typeof stored !== 'object' || stored === null) return {};
  const s = stored as Record<string, unknown>;
  const out: SamplingOverrides = {};
  for (const key of ['temperature', 'topP', 'maxTokens', 'seed'] as const) {
    const v = validNumber(key, s[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** The sampling a turn runs with: the person's overrides over the manifest's, the seed fresh unless fixed. */
export function effectiveSampling(model: Pick<ModelManifest, 'sampling'>, o: SamplingOverrides, freshSeed: () => number): Sampling {
  return { ...model.sampling, temperature: o.temperature ?? model.sampling.temperature, topP: o.topP ?? model.sampling.topP, seed: o.seed ?? freshSeed() };
}

/** The model as a turn sees it: its context length lowered to the person's cap (never raised). */
export function cappedModel<M extends Pick<ModelManifest, 'contextLength'>>(model: M, cap: number | null): M {
  return cap !== null && cap < model.contextLength ? { ...model, contextLength: cap } : model;
}
