// The app's stores wired together: settings in localStorage, the engine store and the chat on top of one
// engine. The app uses the browser engine behind the worker (src/engine/browser.ts); the scripted test page
// passes a fake one. Components read them with zustand's useStore(store, selector).
import type { StoreApi } from 'zustand/vanilla';
import type { AssetPaths, EngineApi } from '../engine/api';
import { createChatStore, type ChatState } from './chat';
import { createEngineStore, type EngineState } from './engine';
import { createSettingsStore, type SettingsState } from './settings';

export interface AppStores {
  settings: StoreApi<SettingsState>;
  engine: StoreApi<EngineState>;
  chat: StoreApi<ChatState>;
}

export function createAppStores(engine: EngineApi, paths: AssetPaths, settings: StoreApi<SettingsState> = createSettingsStore()): AppStores {
  const engineStore = createEngineStore({ engine, paths, backend: settings.getState().backend });
  const chat = createChatStore({ engine, engineStore, settings });
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

/** After first paint: the agent runtime (tokenizer), the capability probe, then the chosen built-in model. */
export function startApp(stores: AppStores): void {
  void stores.chat.getState().preload();
  void stores.engine
    .getState()
    .init()
    .then(() => loadIfBuiltin(stores, stores.settings.getState().modelId));
}
