// A tool call waiting for the person: may it run (Allow once / Always / Deny), or, for an "ask me" tool, what is
// the result. The arguments are model output: shown as text, JSON pretty-printed.
import { useState } from 'react';
import type { ApprovalAnswer } from '../tools/user/approval';
import type { PendingToolPrompt, PromptReply } from '../tools/user/prompts';
import { prettyJson } from './format';

export interface ToolPromptCardProps {
  prompt: PendingToolPrompt;
  onAnswer: (id: string, reply: PromptReply<'approval'> | PromptReply<'answer'>) => void;
}

export function ToolPromptCard({ prompt, onAnswer }: ToolPromptCardProps) {
  const [result, setResult] = useState('');
  const approval = prompt.kind === 'approval';
  const answer = (a: ApprovalAnswer) => onAnswer(prompt.id, a);
  return (
    <article className="tool-prompt" aria-label={`${approval ? 'Allow tool call' : 'Answer tool call'}: ${prompt.tool}`}>
      <p className="tool-prompt-title">
        {approval ? 'The model wants to run your tool ' : 'The model asks you to answer for your tool '}
        <code>{prompt.tool}</code>
        {approval ? ' with:' : ':'}
      </p>
      <pre className="tool-args">{prompt.argsText === '' ? '(no arguments)' : prettyJson(prompt.argsText)}</pre>
      {approval ? (
        <div className="msg-actions">
          <button type="button" onClick={() => answer('allow-once')}>
            Allow once
          </button>
          <button type="button" onClick={() => answer('always')}>
            Always
          </button>
          <button type="button" onClick={() => answer('deny')}>
            Deny
          </button>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onAnswer(prompt.id, { kind: 'result', text: result });
          }}
        >
          <textarea aria-label="Tool result" rows={3} value={result} onChange={(e) => setResult(e.target.value)} />
          <div className="msg-actions">
            <button type="submit">Send result</button>
            <button type="button" onClick={() => onAnswer(prompt.id, { kind: 'decline' })}>
              Decline
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
