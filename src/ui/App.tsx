export function App() {
  return (
    <main>
      <h1>Overtone</h1>
      <p>gpt-oss in your browser, speaking Harmony. The engine and chat arrive in later issues.</p>
    </main>
  );
}
