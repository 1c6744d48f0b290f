// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToolPromptCard } from './ToolPromptCard';
import { Notices } from './Notices';

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

describe('Notices', () => {
  it('storage in memory only (code, message, fix), a dismissable notice, Undo', () => {
    const onUndo = vi.fn();
    const onDismiss = vi.fn();
    render(
      <Notices
        storageError={{ code: 'storage-quota', message: 'The disk is full.', fix: 'Free space.' }}
        notice={{ code: 'import-invalid', message: 'Not an export.', fix: 'Choose another file.' }}
        onDismissNotice={onDismiss}
        deleted={{ title: 'Old chat' }}
        onUndoDelete={onUndo}
      />,
    );
    const [storage, notice] = screen.getAllByRole('alert');
    expect(storage!.getAttribute('data-code')).toBe('storage-quota');
    expect(storage!.textContent).toMatch(/kept in memory only.*The disk is full\. Free space\. storage-quota$/);
    expect(notice!.textContent).toContain('Not an export. Choose another file. import-invalid');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toContain('Deleted “Old chat”.');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(onUndo).toHaveBeenCalled();
  });
});
