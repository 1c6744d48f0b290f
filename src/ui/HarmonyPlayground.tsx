// Harmony playground: edit a conversation, see its rendered prompt (special tokens highlighted, ids on
// hover); paste generated ids, see the parsed messages. Text is rendered as text, never as HTML.
import { usePlayground } from '../store/playground';

export function HarmonyPlayground() {
  const { conversationJson, idsText, rendered, parsed, setConversation, setIds } = usePlayground();
  return (
    <section className="playground">
      <h2>Harmony playground</h2>
      <label>
        Conversation (openai-harmony JSON)
        <textarea aria-label="Conversation JSON" rows={14} value={conversationJson} onChange={(e) => setConversation(e.target.value)} />
      </label>
      {'error' in rendered ? (
        <p role="alert" className="error">{rendered.error}</p>
      ) : (
        <>
          <p>{rendered.tokens.length} tokens, prompt for the assistant:</p>
          <pre className="tokens">
            {rendered.tokens.map((t, i) => (
              <span key={i} title={`id ${t.id}`} className={t.special ? 'special' : 'ordinary'}>
                {t.text}
              </span>
            ))}
          </pre>
          <details>
            <summary>Token ids</summary>
            <code>{rendered.tokens.map((t) => t.id).join(', ')}</code>
          </details>
        </>
      )}
      <label>
        Generated ids (parsed with role assistant, tolerant mode)
        <textarea aria-label="Token ids" rows={4} value={idsText} onChange={(e) => setIds(e.target.value)} />
      </label>
      {'error' in parsed ? <p role="alert" className="error">{parsed.error}</p> : <pre>{JSON.stringify(parsed.messages, null, 2)}</pre>}
    </section>
  );
}
