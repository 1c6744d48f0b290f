// The model picker's state: the manifest's models, what the capability probe found, per model whether it
// can run here (honouring the backend preference) or the typed reason why not, and loading with aggregate
// progress. A failed engine restarts without its model; ensureLoaded() notices and loads it again.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AssetPaths, EngineApi } from '../engine/api';
import { chooseRuntimeFor, type BackendPreference } from '../engine/preference';
import { EngineError, FIXES, type EngineErrorInfo, type ProbeResult } from '../engine/protocol';
import { findModel, MODELS, type ModelManifest, type RuntimeChoice } from '../models/manifest';

export type Availability = { ok: true; runtime: RuntimeChoice } | { ok: false; reason: EngineErrorInfo };
export type EngineStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LoadProgress {
  modelId: string;
  /** Bytes loaded over all files. */
  loaded: number;
  /** Expected bytes: the larger of the manifest's size and what the files announced so far. */
  total: number;
  /** 0–100, whole numbers. */
  percent: number;
  file?: string;
}

export interface EngineState {
  models: readonly ModelManifest[];
  /** null until init() has probed. */
  probe: ProbeResult | null;
  backend: BackendPreference;
  /** Per model id; empty until probed. */
  availability: Record<string, Availability>;
  status: EngineStatus;
  /** The model being loaded or loaded (status loading/ready), or the one that failed (error). */
  modelId: string | null;
  runtime: RuntimeChoice | null;
  progress: LoadProgress | null;
  error: EngineErrorInfo | null;
  /** Probes once (later calls wait for the same probe). */
  init(): Promise<void>;
  setBackend(backend: BackendPreference): void;
  /** Loads a model; resolves when ready, rejects with an EngineError (also kept in `error`). */
  load(modelId: string): Promise<void>;
  /** Loads the model unless it is already loaded in a live engine (after a restart it is loaded again). */
  ensureLoaded(modelId: string): Promise<void>;
  /** After a failed generation: if the engine restarted, its model is gone (status back to idle). */
  checkEngine(): void;
}

export interface EngineStoreDeps {
  engine: EngineApi;
  paths: AssetPaths;
  backend?: BackendPreference;
  models?: readonly ModelManifest[];
}

const asInfo = (e: unknown): EngineErrorInfo =>
  e instanceof EngineError ? e.toInfo() : typeof e === 'object' && e !== null && 'code' in e && 'fix' in e ? (e as EngineErrorInfo) : { code: 'inference-failed', message: String(e), fix: FIXES['inference-failed'] };

export function availabilityFor(models: readonly ModelManifest[], probe: ProbeResult, backend: BackendPreference): Record<string, Availability> {
  const out: Record<string, Availability> = {};
  for (const m of models) {
    const r = chooseRuntimeFor(m, probe, backend);
    out[m.id] = r instanceof EngineError ? { ok: false, reason: r.toInfo() } : { ok: true, runtime: r };
  }
  return out;
}

/** The model is loaded with the runtime the current backend choice gives it. */
function loadedAsChosen(s: EngineState, modelId: string): boolean {
  const a = s.availability[modelId];
  return s.status === 'ready' && s.modelId === modelId && (!a?.ok || (s.runtime?.device === a.runtime.device && s.runtime.dtype === a.runtime.dtype));
}

export function createEngineStore(deps: EngineStoreDeps): StoreApi<EngineState> {
  const models = deps.models ?? MODELS;
  let probing: Promise<void> | null = null;
  let loading: { modelId: string; done: Promise<void> } | null = null;
  let respawnsAtLoad = -1;

  return createStore<EngineState>()((set, get) => {
    const find = (id: string): ModelManifest | undefined => models.find((m) => m.id === id) ?? findModel(id);

    async function doLoad(modelId: string): Promise<void> {
      const model = find(modelId);
      const fail = (reason: EngineErrorInfo): never => {
        set({ status: 'error', modelId, error: reason, progress: null, runtime: null });
        throw new EngineError(reason.code, reason.message, reason.fix);
      };
      if (!model) return fail({ code: 'bad-request', message: `There is no model "${modelId}".`, fix: FIXES['bad-request'] });
      await get().init();
      const available = get().availability[modelId];
      if (!available) return fail(get().error ?? { code: 'bad-request', message: `${model.label} could not be checked against this browser.`, fix: FIXES['bad-request'] });
      if (!available.ok) return fail(available.reason);
      const { runtime } = available;
      const expected = model.bytes[runtime.dtype] ?? 0;
      set({ status: 'loading', modelId, runtime, error: null, progress: { modelId, loaded: 0, total: expected, percent: 0 } });
      try {
        await deps.engine.load({ modelId, ...deps.paths, device: runtime.device, dtype: runtime.dtype }, (p) => {
          const total = Math.max(expected, p.totalBytes);
          set({ progress: { modelId, loaded: p.totalLoaded, total, percent: total > 0 ? Math.min(100, Math.floor((p.totalLoaded / total) * 100)) : 0, file: p.file } });
        });
      } catch (e) {
        return fail(asInfo(e));
      }
      respawnsAtLoad = deps.engine.respawns;
      set({ status: 'ready', progress: null });
    }

    return {
      models,
      probe: null,
      backend: deps.backend ?? 'auto',
      availability: {},
      status: 'idle',
      modelId: null,
      runtime: null,
      progress: null,
      error: null,

      init: () =>
        (probing ??= deps.engine.probe().then(
          (probe) => set({ probe, availability: availabilityFor(models, probe, get().backend) }),
          (e: unknown) => {
            probing = null; // a later call may probe again
            set({ error: asInfo(e) });
          },
        )),

      setBackend: (backend) => {
        const { probe, status, modelId, runtime } = get();
        if (!probe) return set({ backend });
        const availability = availabilityFor(models, probe, backend);
        const now = modelId ? availability[modelId] : undefined;
        // A model loaded on another backend than the new choice gives is loaded again on next use.
        const stale = status === 'ready' && runtime !== null && !(now?.ok && now.runtime.device === runtime.device && now.runtime.dtype === runtime.dtype);
        set({ backend, availability, ...(stale ? { status: 'idle', runtime: null } : {}) });
      },

      load: (modelId) => {
        const previous = loading?.done.catch(() => {}) ?? Promise.resolve();
        const done = previous.then(() => doLoad(modelId));
        loading = { modelId, done };
        return done.finally(() => {
          if (loading?.done === done) loading = null;
        });
      },

      ensureLoaded: (modelId) => {
        get().checkEngine();
        const s = get();
        // A load in flight may be for an older backend choice: wait for it, then check again.
        if (loading?.modelId === modelId) return loading.done.then(() => get().ensureLoaded(modelId));
        if (loadedAsChosen(s, modelId)) return Promise.resolve();
        return get().load(modelId);
      },

      checkEngine: () => {
        if (get().status === 'ready' && deps.engine.respawns !== respawnsAtLoad) set({ status: 'idle', runtime: null, modelId: null });
      },
    };
  });
}
