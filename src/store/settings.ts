// The user's settings, remembered in localStorage: reasoning effort, backend preference, the analysis
// panel's open/closed choice, the chosen model, developer instructions, disabled tools, sampling overrides,
// a context length cap and the person's own tools.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import type { BackendPreference } from '../engine/preference';
import type { ReasoningEffort } from '../harmony/types';
import { DEFAULT_MODEL_ID, findModel } from '../models/manifest';
import type { ApprovalMode, UserTool } from '../tools/user/types';
import { sanitizeSampling, validNumber, type SamplingOverrides } from './generation-settings';
import { safeLocalStorage } from './safe-storage';
import { sanitizeUserTools } from './user-tools-sanitize';

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
  /** Overrides of the model's sampling (absent fields: the manifest's defaults). */
  sampling: SamplingOverrides;
  /** The most context a turn may use (null: the model's whole context length). */
  contextCap: number | null;
  /** The person's own function tools, offered to models that take the user's tools. */
  userTools: UserTool[];
}

export interface SettingsState extends Settings {
  setEffort(effort: ReasoningEffort): void;
  setBackend(backend: BackendPreference): void;
  setAnalysisOpen(open: boolean): void;
  setModelId(modelId: string): void;
  setInstructions(text: string): void;
  setToolEnabled(name: string, enabled: boolean): void;
  /** Sets the given fields; `undefined` returns a field to the model's default; invalid values are ignored. */
  setSampling(patch: { [K in keyof SamplingOverrides]?: number | undefined }): void;
  /** Every sampling field back to the model's defaults, and no context cap. */
  resetSampling(): void;
  setContextCap(cap: number | null): void;
  /** Adds the tool, or replaces the one with its id. */
  saveUserTool(tool: UserTool): void;
  removeUserTool(id: string): void;
  setUserToolApproval(id: string, approval: ApprovalMode): void;
}

export const DEFAULT_SETTINGS: Settings = { effort: 'medium', backend: 'auto', analysisOpen: false, modelId: DEFAULT_MODEL_ID, instructions: '', disabledTools: [], sampling: {}, contextCap: null, userTools: [] };
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
  if (s.sampling !== undefined) out.sampling = sanitizeSampling(s.sampling);
  if (s.contextCap === null || validNumber('contextCap', s.contextCap) !== undefined) out.contextCap = s.contextCap as number | null;
  const tools = sanitizeUserTools(s.userTools);
  if (tools) out.userTools = tools;
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
        setSampling: (patch) =>
          set((s) => {
            const next: Record<string, number | undefined> = { ...s.sampling };
            for (const [key, value] of Object.entries(patch) as [keyof SamplingOverrides, number | undefined][]) {
              if (value === undefined) delete next[key];
              else if (validNumber(key, value) !== undefined) next[key] = value;
            }
            return { sampling: next as SamplingOverrides };
          }),
        resetSampling: () => set({ sampling: {}, contextCap: null }),
        setContextCap: (cap) => (cap === null || validNumber('contextCap', cap) !== undefined) && set({ contextCap: cap }),
        saveUserTool: (tool) =>
          set((s) => {
            const i = s.userTools.findIndex((t) => t.id === tool.id);
            return { userTools: i < 0 ? [...s.userTools, tool] : s.userTools.map((t, j) => (j === i ? tool : t)) };
          }),
        removeUserTool: (id) => set((s) => ({ userTools: s.userTools.filter((t) => t.id !== id) })),
        setUserToolApproval: (id, approval) => set((s) => ({ userTools: s.userTools.map((t) => (t.id === id ? { ...t, approval } : t)) })),
      }),
      {
        name: SETTINGS_KEY,
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: (s): Settings => ({
          effort: s.effort,
          backend: s.backend,
          analysisOpen: s.analysisOpen,
          modelId: s.modelId,
          instructions: s.instructions,
          disabledTools: s.disabledTools,
          sampling: s.sampling,
          contextCap: s.contextCap,
          userTools: s.userTools,
        }),
        merge: (stored, current) => ({ ...current, ...sanitizeSettings(stored) }),
      },
    ),
  );
}
