// The token inspector (a lazy chunk): one reply's exact prompt and completion, token by token, special tokens
// highlighted, each token coloured by its message's channel, its id on hover; counts per message; copy as
// text or ids; where strict parsing failed. Everything is text in spans: nothing the model wrote is HTML.
import { useEffect, useState } from 'react';
import type { InspectedMessage, InspectedToken } from '../chat/inspector';
import type { TurnInspection } from '../store/chat-library';
import { CopyButton } from './CopyButton';
import { Modal } from './Modal';

export interface TokenInspectorProps {
  load: () => Promise<TurnInspection | null>;
  onClose: () => void;
}

export default function TokenInspector({ load, onClose }: TokenInspectorProps) {
  const [state, setState] = useState<{ view: TurnInspection | null } | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (view) => live && setState({ view }),
      (e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return (
    <Modal title="Token inspector" onClose={onClose} className="inspector-dialog">
      {state === null ? (
        <p>Reading the tokens…</p>
      ) : 'error' in state ? (
        <p role="alert">The tokens could not be read: {state.error}</p>
      ) : state.view === null ? (
        <p>This reply did not record its tokens.</p>
      ) : (
        <InspectionView view={state.view} />
      )}
    </Modal>
  );
}

function InspectionView({ view }: { view: TurnInspection }) {
  const { inspection } = view;
  const prompt = inspection.tokens.filter((t) => t.part === 'prompt');
  const completion = inspection.tokens.filter((t) => t.part === 'completion');
  return (
    <div className="inspector">
      <p className="inspector-summary">
        Prompt {inspection.promptCount} tokens · completion {inspection.completionCount} tokens
      </p>
      {inspection.parseError && (
        <p className="inspector-error" role="alert">
          Strict parsing fails at completion token {inspection.parseError.tokenIndex}: {inspection.parseError.message}
        </p>
      )}
      <div className="msg-actions">
        <CopyButton text={view.text} label="Copy as text" showLabel />
        <CopyButton text={view.ids} label="Copy as ids" showLabel />
      </div>
      <table className="inspector-messages">
        <caption className="visually-hidden">Tokens per message</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Role</th>
            <th scope="col">Channel</th>
            <th scope="col">Recipient</th>
            <th scope="col">Tokens</th>
          </tr>
        </thead>
        <tbody>
          {inspection.messages.map((m) => (
            <tr key={m.index} data-channel={m.channel ?? ''} data-role={m.role}>
              <td>{m.index + 1}</td>
              <td>{m.role}</td>
              <td>{m.channel ?? ''}</td>
              <td>{m.recipient ?? ''}</td>
              <td>{m.tokenCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Prompt</h3>
      <TokenRun tokens={prompt} messages={inspection.messages} errorAt={undefined} />
      <h3>Completion</h3>
      <TokenRun tokens={completion} messages={inspection.messages} errorAt={inspection.parseError?.tokenIndex} />
    </div>
  );
}

function TokenRun({ tokens, messages, errorAt }: { tokens: InspectedToken[]; messages: InspectedMessage[]; errorAt: number | undefined }) {
  return (
    <pre className="inspector-tokens">
      {tokens.map((t) => {
        const m = t.message >= 0 ? messages[t.message] : undefined;
        const cls = ['tok', t.special && 'special', t.header && 'header', t.partial && 'partial', t.unknown && 'unknown', errorAt === t.partIndex && 'parse-error'].filter(Boolean).join(' ');
        return (
          <span key={t.index} className={cls} data-channel={m?.channel ?? ''} data-role={m?.role ?? ''} title={`id ${t.id} · ${t.part} token ${t.partIndex}`}>
            {t.text}
          </span>
        );
      })}
      {errorAt !== undefined && errorAt >= tokens.length && (
        <span className="tok parse-error" title="the strict parser needed more tokens here">
          ∎
        </span>
      )}
    </pre>
  );
}
