// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToolPromptCard } from './ToolPromptCard';

afterEach(cleanup);

describe('ToolPromptCard', () => {
  it('approval: the arguments as text, Allow once / Always / Deny', () => {
    const onAnswer = vi.fn();
    render(<ToolPromptCard prompt={{ id: 'p1', kind: 'approval', tool: 'shout', argsText: '{"text":"<b>hi</b>"}', createdAt: 0 }} onAnswer={onAnswer} />);
    const card = screen.getByRole('article', { name: 'Allow tool call: shout' });
    expect(card.textContent).toContain('"text": "<b>hi</b>"');
    expect(card.querySelector('b')).toBeNull();
    for (const [name, answer] of [['Allow once', 'allow-once'], ['Always', 'always'], ['Deny', 'deny']] as const) {
      fireEvent.click(screen.getByRole('button', { name }));
      expect(onAnswer).toHaveBeenLastCalledWith('p1', answer);
    }
  });

  it('ask me: the typed result, or Decline', () => {
    const onAnswer = vi.fn();
    render(<ToolPromptCard prompt={{ id: 'p2', kind: 'answer', tool: 'lookup', argsText: '{}', createdAt: 0 }} onAnswer={onAnswer} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Tool result' }), { target: { value: 'forty-two' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send result' }));
    expect(onAnswer).toHaveBeenLastCalledWith('p2', { kind: 'result', text: 'forty-two' });
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    expect(onAnswer).toHaveBeenLastCalledWith('p2', { kind: 'decline' });
  });
});
