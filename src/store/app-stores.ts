// The app's stores wired together: settings in localStorage, the engine store and the chat on top of one
// engine, and the Models screen's list. The app uses the browser engine behind the worker
// (src/engine/browser.ts); the scripted test page passes a fake one. Components read them with zustand's
// useStore(store, selector).
import type { StoreApi } from 'zustand/vanilla';
import type { AssetPaths, EngineApi } from '../engine/api';
import { createEngineLock, type EngineLock } from '../engine/engine-lock';
import { createChatStore, type ChatState } from './chat';
import type { StorageRepo } from './chat-library';
import { createEngineStore, type EngineState } from './engine';
import { createSettingsStore, type SettingsState } from './settings';
import { createStoredModelsStore, type StoredModelsState } from './stored-models';

export interface AppStores {
  settings: StoreApi<SettingsState>;
  engine: StoreApi<EngineState>;
  chat: StoreApi<ChatState>;
  storedModels: StoreApi<StoredModelsState>;
}

export interface AppStoreOptions {
  settings?: StoreApi<SettingsState>;
  storage?: Promise<StorageRepo>;
  /** One engine per browser (default: the Web Locks one). */
  lock?: EngineLock;
  requestPersistence?: () => Promise<boolean | undefined>;
}

/** The app's conversation storage: IndexedDB (Dexie) or, failing that, memory; loaded after first paint. */
export const openAppStorage = (): Promise<StorageRepo> => import('../storage/open-storage').then((m) => m.openStorage());

export function createAppStores(engine: EngineApi, paths: AssetPaths, opts: AppStoreOptions = {}): AppStores {
  const settings = opts.settings ?? createSettingsStore();
  const engineStore = createEngineStore({
    engine,
    paths,
    backend: settings.getState().backend,
    lock: opts.lock ?? createEngineLock(),
    ...(opts.requestPersistence ? { requestPersistence: opts.requestPersistence } : {}),
  });
  const chat = createChatStore({ engine, engineStore, settings, storage: opts.storage ?? openAppStorage() });
  settings.subscribe((s, prev) => {
    if (s.backend !== prev.backend) engineStore.getState().setBackend(s.backend);
    // The picker shows the chosen model's preflight before anything is downloaded.
    if ((s.modelId !== prev.modelId || s.backend !== prev.backend) && engineStore.getState().probe) void engineStore.getState().checkModel(s.modelId);
  });
  engineStore.subscribe((s, prev) => {
    // Another tab took the engine: the reply being written here stops (what streamed is kept).
    if (s.lock === 'elsewhere' && prev.lock !== 'elsewhere') chat.getState().stop();
  });
  return { settings, engine: engineStore, chat, storedModels: createStoredModelsStore(engine) };
}

/** Where a store's chosen model is built in, loads it (a hub model waits for the person's "Load model"). */
export function loadIfBuiltin(stores: AppStores, modelId: string): void {
  const e = stores.engine.getState();
  const model = e.models.find((m) => m.id === modelId);
  if (model?.source.kind === 'builtin' && e.availability[modelId]?.ok && e.lock !== 'elsewhere') e.ensureLoaded(modelId).catch(() => {});
}

/** "Use here": take the engine over from the other tab, then load the chosen built-in model here. */
export async function useHere(stores: AppStores): Promise<void> {
  await stores.engine.getState().takeOver();
  loadIfBuiltin(stores, stores.settings.getState().modelId);
}

/** After a stored model was deleted: the list and the chosen model's preflight (what is stored) again. */
export async function deleteStoredModel(stores: AppStores, key: string): Promise<void> {
  await stores.storedModels.getState().remove(key);
  await stores.engine.getState().checkModel(stores.settings.getState().modelId);
}

/** A reply being written is saved at once when the page hides or closes (write-behind covers the rest). */
export function flushOnPageHide(stores: AppStores, target: Pick<Document, 'addEventListener' | 'visibilityState'> = document): void {
  const flush = (): void => void stores.chat.getState().flush();
  target.addEventListener('visibilitychange', () => target.visibilityState === 'hidden' && flush());
  globalThis.addEventListener?.('pagehide', flush);
}

/** After first paint: the agent runtime (tokenizer), the capability probe, the chosen model's preflight, then
 *  the chosen built-in model. */
export function startApp(stores: AppStores): void {
  if (typeof document !== 'undefined') flushOnPageHide(stores);
  void stores.chat.getState().preload();
  void stores.engine
    .getState()
    .init()
    .then(() => {
      const modelId = stores.settings.getState().modelId;
      void stores.engine.getState().checkModel(modelId);
      loadIfBuiltin(stores, modelId);
    });
}
