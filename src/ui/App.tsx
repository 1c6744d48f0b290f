// The app's pages: the chat (first screen) and the Harmony playground, which is a lazy chunk so the start page
// never loads the Harmony runtime and its tokenizer tables just for it.
import { lazy, Suspense, type ReactNode } from 'react';
import type { AppView } from './view';

const HarmonyPlayground = lazy(() => import('./HarmonyPlayground').then((m) => ({ default: m.HarmonyPlayground })));

interface AppProps {
  view: AppView;
  /** The chat, wired to its stores by the caller. */
  chat?: ReactNode;
}

export function App({ view, chat }: AppProps) {
  if (view === 'playground') {
    return (
      <main className="playground-page">
        <p>
          <a href="./">← Back to the chat</a>
        </p>
        <h1>Overtone</h1>
        <Suspense fallback={<p>Loading the Harmony playground…</p>}>
          <HarmonyPlayground />
        </Suspense>
      </main>
    );
  }
  return (
    chat ?? (
      <main className="playground-page">
        <h1>Overtone</h1>
        <p>
          gpt-oss in your browser, speaking Harmony. Try the <a href="?view=playground">Harmony playground</a> or the{' '}
          <a href="./harness.html">engine harness</a>.
        </p>
      </main>
    )
  );
}
