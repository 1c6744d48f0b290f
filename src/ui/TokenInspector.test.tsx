// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectTurn, tokensAsIds, tokensAsText } from '../chat/inspector';
import { completionIds } from '../chat/testing/scripted-engine';
import { message } from '../harmony/builders';
import { encodeOrdinary, SPECIAL } from '../harmony/encoding';
import { renderConversationForCompletion } from '../harmony/render';
import TokenInspector from './TokenInspector';

afterEach(cleanup);

const view = (prompt: number[], completion: number[]) => {
  const all = [...prompt, ...completion];
  return { inspection: inspectTurn(prompt, completion), text: tokensAsText(all), ids: tokensAsIds(all) };
};

describe('TokenInspector', () => {
  it('tokens as text spans with their ids on hover, special tokens marked, channels on the completion, counts per message', async () => {
    const prompt = renderConversationForCompletion([message('user', '<script>alert(1)</script>')], 'assistant');
    const completion = completionIds([message('assistant', 'Hi <b>there</b>', { channel: 'final' })]);
    render(<TokenInspector load={async () => view(prompt, completion)} onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog', { name: 'Token inspector' });
    await within(dialog).findByRole('heading', { name: 'Completion' });
    expect(dialog.querySelector('script, b')).toBeNull();
    expect(dialog.textContent).toContain('<script>alert(1)</script>');
    const start = dialog.querySelector('.tok.special')!;
    expect(start.textContent).toBe('<|start|>');
    expect(start.getAttribute('title')).toBe(`id ${SPECIAL.start} · prompt token 0`);
    const finals = dialog.querySelectorAll('.tok[data-channel="final"]');
    expect(finals.length).toBe(completion.length + 2); // with the prompt's `<|start|>assistant`
    expect(within(dialog).getByText(`Prompt ${prompt.length} tokens · completion ${completion.length} tokens`)).toBeTruthy();
    const rows = within(dialog).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual([`1user${prompt.length - 2}`, `2assistantfinal${completion.length + 2}`]);
    expect(within(dialog).getByRole('button', { name: 'Copy as text' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Copy as ids' })).toBeTruthy();
  });

  it('a completion that breaks strict parsing: where and why', async () => {
    const prompt = renderConversationForCompletion([message('user', 'Hi')], 'assistant');
    const broken = [...encodeOrdinary('<|channel|>'), SPECIAL.channel, ...encodeOrdinary('final'), SPECIAL.end];
    render(<TokenInspector load={async () => view(prompt, broken)} onClose={() => {}} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`Strict parsing fails at completion token ${broken.length}: Unexpected EOS while waiting for message header to complete`);
    expect(document.querySelector('.tok.parse-error')!.previousElementSibling!.textContent).toBe('<|end|>'); // marked after the last token
  });
});
