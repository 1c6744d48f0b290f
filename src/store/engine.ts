// The model picker's state: the manifest's models, what the capability probe found, per model whether it
// can run here (honouring the backend preference) or the typed reason why not, the chosen model's preflight
// (checklist, typed errors, what is stored), and loading with aggregate progress: from the app, a hub
// download (pause / resume / cancel) or a picked folder. One engine per browser: a load first takes the
// engine lock; a tab that loses it to "Use here" elsewhere stops its engine at once. A failed engine
// restarts without its model; ensureLoaded() notices and loads it again.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { version as APP_VERSION } from '../../package.json';
import type { AssetPaths, EngineApi } from '../engine/api';
import { probeStorage, requestPersistentStorage } from '../engine/capabilities';
import type { EngineLock, EngineLockState } from '../engine/engine-lock';
import { checkFolder, folderError } from '../engine/folder-check';
import { chooseRuntimeFor, type BackendPreference } from '../engine/preference';
import { EngineError, FIXES, type DownloadProgress, type EngineErrorInfo, type PickedFile, type ProbeResult } from '../engine/protocol';
import { findModel, MODELS, type ModelManifest, type RuntimeChoice } from '../models/manifest';
import { loadRequestFor } from './load-request';
import { preflightInfo, storedRecord, type PreflightInfo } from './preflight-info';

export type Availability = { ok: true; runtime: RuntimeChoice } | { ok: false; reason: EngineErrorInfo };
export type EngineStatus = 'idle' | 'loading' | 'ready' | 'error';
export type LoadSource = 'app' | 'hub' | 'folder';
/** navigator.storage.persist()'s answer, once asked ('unsupported': the browser has no such API). */
export type Persistence = 'granted' | 'denied' | 'unsupported';

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
  /** Where the model being loaded (or loaded) comes from. */
  source: LoadSource | null;
  progress: LoadProgress | null;
  /** The download view's data while a load fetches files (the worker's download.progress). */
  download: DownloadProgress | null;
  error: EngineErrorInfo | null;
  /** The preflight of the model last checked (checkModel): nothing is downloaded before it passes. */
  preflight: PreflightInfo | null;
  persistence: Persistence | null;
  /** One engine per browser: 'elsewhere' while another tab owns it ('unsupported': no Web Locks here). */
  lock: EngineLockState;
  /** Probes once (later calls wait for the same probe). */
  init(): Promise<void>;
  setBackend(backend: BackendPreference): void;
  /** Runs the preflight of a model (probe, stored bytes, persistence); requests nothing from a model host. */
  checkModel(modelId: string): Promise<void>;
  /** Loads a model (the person's "Load model"): resolves when ready, rejects with an EngineError (also kept in `error`). */
  load(modelId: string): Promise<void>;
  /** Loads a model from picked files: the folder check names what is missing before anything is sent. */
  loadFolder(modelId: string, files: readonly PickedFile[]): Promise<void>;
  /** Loads the model unless it is already loaded in a live engine (after a restart it is loaded again). A hub
   *  model is only downloaded after the person's "Load model"; one stored complete loads from disk. */
  ensureLoaded(modelId: string): Promise<void>;
  /** After a failed generation: if the engine restarted, its model is gone (status back to idle). */
  checkEngine(): void;
  pauseDownload(): void;
  resumeDownload(): void;
  cancelDownload(): void;
  /** "Use here": takes the engine from the tab that runs it (that tab stops). */
  takeOver(): Promise<void>;
}

export interface EngineStoreDeps {
  engine: EngineApi;
  paths: AssetPaths;
  backend?: BackendPreference;
  models?: readonly ModelManifest[];
  /** The engine lock (src/engine/engine-lock.ts); without one every tab loads. */
  lock?: EngineLock;
  /** navigator.storage.persist() on the main thread (default: requestPersistentStorage). */
  requestPersistence?: () => Promise<boolean | undefined>;
  /** Recorded with downloads (default: package.json's version). */
  appVersion?: string;
  /** The site's storage figures now, asked on this thread (default: probeStorage): the worker may be busy loading. */
  storageEstimate?: () => Promise<ProbeResult['storage']>;
}

export const ENGINE_ELSEWHERE: EngineErrorInfo = { code: 'engine-elsewhere', message: 'Overtone is running the model in another tab.', fix: FIXES['engine-elsewhere'] };

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

const gb = (n: number) => `${(n / 1e9).toFixed(1)} GB`;

function notDownloaded(model: ModelManifest): EngineError {
  const bytes = Math.max(0, ...Object.values(model.bytes));
  return new EngineError('not-loaded', `${model.label} is not downloaded yet (${gb(bytes)}).`, 'Press "Load model" in the model picker to download it; nothing is downloaded until you do.');
}

const NOTHING_LOADING = { status: 'idle', modelId: null, runtime: null, source: null, progress: null, download: null } as const;

export function createEngineStore(deps: EngineStoreDeps): StoreApi<EngineState> {
  const models = deps.models ?? MODELS;
  const requestPersistence = deps.requestPersistence ?? (() => requestPersistentStorage());
  const appVersion = deps.appVersion ?? APP_VERSION;
  const storageEstimate = deps.storageEstimate ?? (() => probeStorage());
  let probing: Promise<void> | null = null;
  let loading: { modelId: string; done: Promise<void> } | null = null;
  let respawnsAtLoad = -1;
  let checks = 0;
  /** Hub models the person chose to download in this tab ("Load model"). */
  const confirmed = new Set<string>();
  /** Models last loaded from a picked folder: a restarted engine loads them from the same files. */
  const folders = new Map<string, readonly PickedFile[]>();

  const store = createStore<EngineState>()((set, get) => {
    const find = (id: string): ModelManifest | undefined => models.find((m) => m.id === id) ?? findModel(id);

    async function askPersistence(): Promise<boolean | undefined> {
      const answer = await requestPersistence().catch(() => false);
      set({ persistence: answer === undefined ? 'unsupported' : answer ? 'granted' : 'denied' });
      return answer;
    }

    /** The preflight of a model; for a hub model with a fresh storage estimate and what is stored of it
     *  (listModels overtakes a running load in the worker). */
    async function preflightOf(model: ModelManifest, ask: boolean): Promise<PreflightInfo | null> {
      await get().init();
      if (!get().probe) return null;
      const hub = model.source.kind === 'hub';
      const asked = ask ? await askPersistence() : undefined;
      const persistence = get().persistence;
      const persisted = asked ?? (persistence === 'granted' ? true : persistence === 'denied' ? false : undefined);
      const probed = get().probe!;
      const [storage, list] = hub ? await Promise.all([storageEstimate().catch(() => undefined), deps.engine.listModels().catch(() => null)]) : [undefined, null];
      const probe = storage ? { ...probed, storage } : probed;
      const a = get().availability[model.id];
      return preflightInfo(model, probe, { stored: list ? storedRecord(model, list.models) : undefined, persisted, preferenceReason: a && !a.ok ? a.reason : undefined });
    }

    /** Takes the engine lock (no waiting); false while another tab owns it. */
    async function acquireEngine(lock: EngineLock): Promise<boolean> {
      const state = await lock.acquire();
      set({ lock: state });
      return state !== 'elsewhere';
    }

    async function doLoad(modelId: string, folder?: readonly PickedFile[]): Promise<void> {
      const model = find(modelId);
      const fail = (reason: EngineErrorInfo): never => {
        // Another tab owns the engine: not this model's failure (the "Use here" banner says it).
        if (reason.code === 'engine-elsewhere') set({ ...NOTHING_LOADING, error: null });
        else set({ status: 'error', modelId, error: reason, progress: null, download: null, runtime: null });
        throw new EngineError(reason.code, reason.message, reason.fix);
      };
      if (!model) return fail({ code: 'bad-request', message: `There is no model "${modelId}".`, fix: FIXES['bad-request'] });
      await get().init();
      const available = get().availability[modelId];
      if (!available) return fail(get().error ?? { code: 'bad-request', message: `${model.label} could not be checked against this browser.`, fix: FIXES['bad-request'] });
      if (!available.ok) return fail(available.reason);
      const { runtime } = available;
      if (folder) {
        const check = checkFolder(folder, model.files[runtime.dtype] ?? [{ path: 'config.json' }]);
        if (!check.ok) return fail(folderError(check).toInfo());
      } else if (model.source.kind === 'hub') {
        // Before any byte: persistence asked (main thread), then the whole preflight.
        const info = await preflightOf(model, true);
        if (info) set({ preflight: info });
        if (info?.errors[0]) return fail(info.errors[0]);
      }
      // Only when the lock is not held yet (an await here would let a Stop overtake the start of the load).
      if (deps.lock && deps.lock.state !== 'owner' && !(await acquireEngine(deps.lock))) return fail(ENGINE_ELSEWHERE);
      const source: LoadSource = folder ? 'folder' : model.source.kind === 'hub' ? 'hub' : 'app';
      const expected = model.bytes[runtime.dtype] ?? 0;
      set({ status: 'loading', modelId, runtime, source, error: null, download: null, progress: { modelId, loaded: 0, total: expected, percent: 0 } });
      try {
        await deps.engine.load(loadRequestFor(model, runtime, { paths: deps.paths, appVersion, ...(folder ? { folder } : {}) }), (p) => {
          const total = Math.max(expected, p.totalBytes);
          set({ progress: { modelId, loaded: p.totalLoaded, total, percent: total > 0 ? Math.min(100, Math.floor((p.totalLoaded / total) * 100)) : 0, file: p.file } });
        });
      } catch (e) {
        return fail(asInfo(e));
      }
      respawnsAtLoad = deps.engine.respawns;
      if (folder) folders.set(modelId, folder);
      else folders.delete(modelId);
      set({ status: 'ready', progress: null, download: null });
    }

    const queueLoad = (modelId: string, folder?: readonly PickedFile[]): Promise<void> => {
      const previous = loading?.done.catch(() => {}) ?? Promise.resolve();
      const done = previous.then(() => doLoad(modelId, folder));
      loading = { modelId, done };
      return done.finally(() => {
        if (loading?.done === done) loading = null;
      });
    };

    return {
      models,
      probe: null,
      backend: deps.backend ?? 'auto',
      availability: {},
      status: 'idle',
      modelId: null,
      runtime: null,
      source: null,
      progress: null,
      download: null,
      error: null,
      preflight: null,
      persistence: null,
      lock: deps.lock?.state ?? 'unsupported',

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

      checkModel: async (modelId) => {
        const model = find(modelId);
        const ticket = ++checks;
        const info = model ? await preflightOf(model, false) : null;
        // A later check (another model picked meanwhile) wins.
        if (ticket === checks) set({ preflight: info });
      },

      load: (modelId) => {
        confirmed.add(modelId);
        return queueLoad(modelId);
      },

      loadFolder: (modelId, files) => queueLoad(modelId, files),

      ensureLoaded: (modelId) => {
        get().checkEngine();
        const s = get();
        // A load in flight may be for an older backend choice: wait for it, then check again.
        if (loading?.modelId === modelId) return loading.done.then(() => get().ensureLoaded(modelId));
        if (loadedAsChosen(s, modelId)) return Promise.resolve();
        const folder = folders.get(modelId);
        const model = find(modelId);
        if (folder || model?.source.kind !== 'hub' || confirmed.has(modelId)) return queueLoad(modelId, folder);
        return preflightOf(model, false).then((info) => (info?.stored === 'complete' ? queueLoad(modelId) : Promise.reject(notDownloaded(model))));
      },

      checkEngine: () => {
        if (get().status === 'ready' && deps.engine.respawns !== respawnsAtLoad) set({ status: 'idle', runtime: null, modelId: null });
      },

      pauseDownload: () => deps.engine.pauseDownload(),
      resumeDownload: () => deps.engine.resumeDownload(),
      cancelDownload: () => deps.engine.cancelDownload(),

      takeOver: async () => {
        if (deps.lock) set({ lock: await deps.lock.steal() });
      },
    };
  });

  deps.engine.subscribe((e) => {
    const s = store.getState();
    if (e.type !== 'download.progress' || s.status !== 'loading' || e.modelId !== s.modelId) return;
    const { type: _type, ...progress } = e;
    store.setState({ download: progress });
  });

  deps.lock?.subscribe((state) => {
    const lost = state === 'elsewhere' && store.getState().lock === 'owner';
    store.setState({ lock: state });
    if (!lost) return;
    // "Use here" in another tab: stop at once (free the GPU, close the download's files), keep nothing loaded.
    deps.engine.stop(ENGINE_ELSEWHERE);
    store.setState({ ...NOTHING_LOADING, error: null });
  });

  return store;
}
