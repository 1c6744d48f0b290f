// The user's settings, remembered in localStorage: reasoning effort, backend preference, the analysis
// panel's open/closed choice, the chosen model, developer instructions and disabled tools.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import type { BackendPreference } from '../engine/preference';
import type { ReasoningEffort } from '../harmony/types';
import { DEFAULT_MODEL_ID, findModel } from '../models/manifest';
import { safeLocalStorage } from './safe-storage';

export const EFFORTS: readonly ReasoningEffort[] = ['low', 'medium', 'high'];
export const BACKENDS: readonly BackendPreference[] = ['auto', 'webgpu', 'cpu'];

export interface Settings {
  effort: ReasoningEffort;
  backend: BackendPreference;
  /** The analysis panel's last open/closed choice (collapsed by default). */
  analysisOpen: boolean;
  modelId: string;
  /** Developer instructions for models that take them ('' for none). */
  instructions: string;
  /** Registry tools the user turned off (by name); all others are offered to models that take the user's tools. */
  disabledTools: string[];
}

export interface SettingsState extends Settings {
  setEffort(effort: ReasoningEffort): void;
  setBackend(backend: BackendPreference): void;
  setAnalysisOpen(open: boolean): void;
  setModelId(modelId: string): void;
  setInstructions(text: string): void;
  setToolEnabled(name: string, enabled: boolean): void;
}

export const DEFAULT_SETTINGS: Settings = { effort: 'medium', backend: 'auto', analysisOpen: false, modelId: DEFAULT_MODEL_ID, instructions: '', disabledTools: [] };
export const SETTINGS_KEY = 'overtone.settings';

/** Keeps only stored values that are still valid (an old or hand-edited entry never breaks the app). */
export function sanitizeSettings(stored: unknown): Partial<Settings> {
  if (typeof stored !== 'object' || stored === null) return {};
  const s = stored as Record<string, unknown>;
  const out: Partial<Settings> = {};
  if (EFFORTS.includes(s.effort as ReasoningEffort)) out.effort = s.effort as ReasoningEffort;
  if (BACKENDS.includes(s.backend as BackendPreference)) out.backend = s.backend as BackendPreference;
  if (typeof s.analysisOpen === 'boolean') out.analysisOpen = s.analysisOpen;
  if (typeof s.modelId === 'string' && findModel(s.modelId)) out.modelId = s.modelId;
  if (typeof s.instructions === 'string') out.instructions = s.instructions;
  if (Array.isArray(s.disabledTools) && s.disabledTools.every((t) => typeof t === 'string')) out.disabledTools = s.disabledTools as string[];
  return out;
}

export function createSettingsStore(storage: StateStorage = safeLocalStorage()): StoreApi<SettingsState> {
  return createStore<SettingsState>()(
    persist(
      (set) => ({
        ...DEFAULT_SETTINGS,
        setEffort: (effort) => EFFORTS.includes(effort) && set({ effort }),
        setBackend: (backend) => BACKENDS.includes(backend) && set({ backend }),
        setAnalysisOpen: (analysisOpen) => set({ analysisOpen }),
        setModelId: (modelId) => findModel(modelId) !== undefined && set({ modelId }),
        setInstructions: (instructions) => set({ instructions }),
        setToolEnabled: (name, enabled) =>
          set((s) => ({ disabledTools: enabled ? s.disabledTools.filter((t) => t !== name) : [...new Set([...s.disabledTools, name])] })),
      }),
      {
        name: SETTINGS_KEY,
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: (s): Settings => ({ effort: s.effort, backend: s.backend, analysisOpen: s.analysisOpen, modelId: s.modelId, instructions: s.instructions, disabledTools: s.disabledTools }),
        merge: (stored, current) => ({ ...current, ...sanitizeSettings(stored) }),
      },
    ),
  );
}
