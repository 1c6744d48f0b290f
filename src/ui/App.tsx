import { HarmonyPlayground } from './HarmonyPlayground';

export function App() {
  return (
    <main>
      <h1>Overtone</h1>
      <p>
        gpt-oss in your browser, speaking Harmony. The chat arrives with a later issue; meanwhile the{' '}
        <a href="./harness.html">engine harness</a> runs the built-in model in the real worker.
      </p>
      <HarmonyPlayground />
    </main>
  );
}
