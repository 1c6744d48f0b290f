// The Models screen's state: what this browser stores (model, app version that stored it, complete or
// partial, size), where (OPFS, Cache Storage or nowhere), and the storage the browser grants (used /
// available / persisted), refreshed on open and after a delete.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineApi } from '../engine/api';
import { probeStorage } from '../engine/capabilities';
import { EngineError, FIXES, type EngineErrorInfo, type ProbeResult, type StoredModelInfo } from '../engine/protocol';

export interface StorageFigures {
  usage: number;
  quota: number;
  /** null: the browser does not say. */
  persisted: boolean | null;
}

export interface StoredModelsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  models: StoredModelInfo[];
  /** Where downloads are kept here ('none': nowhere persistent). */
  backend: 'opfs' | 'cache' | 'none' | null;
  storage: StorageFigures | null;
  error: EngineErrorInfo | null;
  /** The key being deleted. */
  deleting: string | null;
  refresh(): Promise<void>;
  /** Deletes a stored model (its running download is cancelled first), then refreshes. */
  remove(key: string): Promise<void>;
}

const asInfo = (e: unknown): EngineErrorInfo => (e instanceof EngineError ? e.toInfo() : { code: 'bad-model', message: e instanceof Error ? e.message : String(e), fix: FIXES['bad-model'] });

/** `estimate`: the site's storage figures, asked on this thread (the worker may be busy loading). */
export function createStoredModelsStore(
  engine: Pick<EngineApi, 'listModels' | 'deleteModel'>,
  estimate: () => Promise<ProbeResult['storage']> = () => probeStorage(),
): StoreApi<StoredModelsState> {
  let ticket = 0;
  return createStore<StoredModelsState>()((set, get) => ({
    status: 'idle',
    models: [],
    backend: null,
    storage: null,
    error: null,
    deleting: null,

    refresh: async () => {
      const mine = ++ticket;
      set({ status: 'loading', error: null });
      try {
        const [list, s] = await Promise.all([engine.listModels(), estimate().catch(() => undefined)]);
        if (mine !== ticket) return;
        set({ status: 'ready', models: list.models, backend: list.backend, storage: s ? { usage: s.usage, quota: s.quota, persisted: s.persisted ?? null } : null });
      } catch (e) {
        if (mine === ticket) set({ status: 'error', error: asInfo(e) });
      }
    },

    remove: async (key) => {
      set({ deleting: key, error: null });
      try {
        await engine.deleteModel(key);
      } catch (e) {
        set({ error: asInfo(e) });
      } finally {
        set({ deleting: null });
      }
      await get().refresh();
    },
  }));
}
