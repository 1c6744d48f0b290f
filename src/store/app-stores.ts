// The app's stores, wired together for the browser: the engine behind the worker (src/engine/browser.ts),
// settings in localStorage, the chat on top. Components read them with zustand's useStore(store, selector).
import { browserAssetPaths, createBrowserEngine } from '../engine/browser';
import { createChatStore } from './chat';
import { createEngineStore } from './engine';
import { createSettingsStore } from './settings';

const engine = createBrowserEngine();
export const settingsStore = createSettingsStore();
export const engineStore = createEngineStore({ engine, paths: browserAssetPaths(), backend: settingsStore.getState().backend });
export const chatStore = createChatStore({ engine, engineStore, settings: settingsStore });

settingsStore.subscribe((s, prev) => {
  if (s.backend !== prev.backend) engineStore.getState().setBackend(s.backend);
});
