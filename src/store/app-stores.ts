// The app's stores wired together: settings in localStorage, the engine store and the chat on top of one
// engine. The app uses the browser engine behind the worker (src/engine/browser.ts); the scripted test page
// passes a fake one. Components read them with zustand's useStore(store, selector).
import type { StoreApi } from 'zustand/vanilla';
import type { AssetPaths, EngineApi } from '../engine/api';
import { createChatStore, type ChatState } from './chat';
import type { StorageRepo } from './chat-library';
import { createEngineStore, type EngineState } from './engine';
import { createSettingsStore, type SettingsState } from './settings';

export interface AppStores {
  settings: StoreApi<SettingsState>;
  engine: StoreApi<EngineState>;
  chat: StoreApi<ChatState>;
}

/** The app's conversation storage: IndexedDB (Dexie) or, failing that, memory; loaded after first paint. */
export const openAppStorage = (): Promise<StorageRepo> => import('../storage/open-storage').then((m) => m.openStorage());

export function createAppStores(
  engine: EngineApi,
  paths: AssetPaths,
  settings: StoreApi<SettingsState> = createSettingsStore(),
  storage: Promise<StorageRepo> = openAppStorage(),
): AppStores {
  const engineStore = createEngineStore({ engine, paths, backend: settings.getState().backend });
  const chat = createChatStore({ engine, engineStore, settings, storage });
  settings.subscribe((s, prev) => {
    if (s.backend !== prev.backend) engineStore.getState().setBackend(s.backend);
  });
  return { settings, engine: engineStore, chat };
}

/** Where a store's chosen model is built in, loads it (a hub model waits for the person's "Load model"). */
export function loadIfBuiltin(stores: AppStores, modelId: string): void {
  const e = stores.engine.getState();
  const model = e.models.find((m) => m.id === modelId);
  if (model?.source.kind === 'builtin' && e.availability[modelId]?.ok) e.ensureLoaded(modelId).catch(() => {});
}

/** A reply being written is saved at once when the page hides or closes (write-behind covers the rest). */
export function flushOnPageHide(stores: AppStores, target: Pick<Document, 'addEventListener' | 'visibilityState'> = document): void {
  const flush = (): void => void stores.chat.getState().flush();
  target.addEventListener('visibilitychange', () => target.visibilityState === 'hidden' && flush());
  globalThis.addEventListener?.('pagehide', flush);
}

/** After first paint: the agent runtime (tokenizer), the capability probe, then the chosen built-in model. */
export function startApp(stores: AppStores): void {
  if (typeof document !== 'undefined') flushOnPageHide(stores);
  void stores.chat.getState().preload();
  void stores.engine
    .getState()
    .init()
    .then(() => loadIfBuiltin(stores, stores.settings.getState().modelId));
}
