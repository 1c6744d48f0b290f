// The scripted page: the real chat (stores with IndexedDB storage, agent loop, Harmony parser, UI) over
// PacedEngine instead of the worker, driven by browser tests and `npm run bench:ui` through window.__overtoneScripted. It shows what
// the chat does with any model output (hostile HTML included) without a model that writes it.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStores, startApp } from '../store/app-stores';
import { createSettingsStore } from '../store/settings';
import { ChatApp } from '../ui/ChatApp';
import '../ui/styles.css';
import { PacedEngine } from './paced-engine';

export interface ScriptedApi {
  /** The completions the next generations stream (ids after `<|start|>assistant`), at this rate. */
  script(completions: number[][], tokensPerSecond: number): void;
  /** The token ids of every prompt the chat sent so far. */
  prompts(): number[][];
}

const memory = new Map<string, string>();
const settings = createSettingsStore({ getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) });
const engine = new PacedEngine();
const stores = createAppStores(engine, { localModelPath: '/models/' }, { settings });
const api: ScriptedApi = {
  script(completions, tokensPerSecond) {
    engine.script = completions.map((c) => [...c]);
    engine.tokensPerSecond = tokensPerSecond;
  },
  prompts: () => engine.requests.map((r) => [...r.tokens]),
};
(window as unknown as { __overtoneScripted: ScriptedApi }).__overtoneScripted = api;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ChatApp stores={stores} />
  </StrictMode>,
);
setTimeout(() => startApp(stores), 0);
