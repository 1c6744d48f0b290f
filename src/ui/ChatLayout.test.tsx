// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatLayout, type ChatLayoutProps } from './ChatLayout';
import { CONVERSATION, DEMO_EXAMPLES, MODEL_ENTRIES, STREAMING_CONVERSATION } from './gallery/fixtures';

afterEach(cleanup);

function props(over: Partial<ChatLayoutProps> = {}): ChatLayoutProps {
  return {
    items: [],
    busy: false,
    canSend: true,
    effort: 'medium',
    onEffortChange: vi.fn(),
    onSend: vi.fn(),
    onStop: vi.fn(),
    onNewChat: vi.fn(),
    onRegenerate: vi.fn(),
    onRetry: vi.fn(),
    model: { models: MODEL_ENTRIES, selectedId: 'overtone-tiny-demo', onSelect: vi.fn(), backend: 'auto', onBackendChange: vi.fn(), load: { status: 'ready' } },
    context: { used: 240, total: 4_096 },
    ...over,
  };
}

describe('ChatLayout', () => {
  it('first screen: the contractual controls, the model picker with examples, links to the developer pages', () => {
    const p = props();
    render(<ChatLayout {...p} />);
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Reasoning effort' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
    expect(p.onNewChat).toHaveBeenCalled();
    for (const example of DEMO_EXAMPLES) expect(screen.getByRole('button', { name: example })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Harmony playground' }).getAttribute('href')).toBe('?view=playground');
    expect(screen.getByRole('link', { name: 'Engine harness' }).getAttribute('href')).toBe('./harness.html');
    expect(screen.queryByLabelText('Conversation JSON')).toBeNull();
  });

  it('an example prompt is sent when the model is ready', () => {
    const p = props();
    render(<ChatLayout {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'What is 17 * 23?' }));
    expect(p.onSend).toHaveBeenCalledWith('What is 17 * 23?');
  });

  it('while the model loads an example prompt goes into the box, ready to send', () => {
    const p = props({ canSend: false, sendDisabledReason: 'Loading the model…' });
    render(<ChatLayout {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'Hello!' }));
    expect(p.onSend).not.toHaveBeenCalled();
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    expect(box.value).toBe('Hello!');
    expect(document.activeElement).toBe(box);
  });

  it('sends the typed text and clears the box', () => {
    const p = props();
    render(<ChatLayout {...p} />);
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'What time is it in Tokyo?' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(p.onSend).toHaveBeenCalledWith('What time is it in Tokyo?');
    expect(box.value).toBe('');
  });

  it('while a reply streams: Stop, Esc anywhere stops once, and the live region names the phase', () => {
    const p = props({ items: STREAMING_CONVERSATION, busy: true });
    render(<ChatLayout {...p} />);
    expect(screen.getByRole('status').textContent).toBe('Thinking…');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(p.onStop).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Escape' });
    expect(p.onStop).toHaveBeenCalledTimes(2);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(p.onStop).toHaveBeenCalledTimes(3);
  });

  it('a conversation: cards named "Tool call: …", Regenerate on every finished reply, Retry with the reply id, versions', () => {
    const onBranchChange = vi.fn();
    const p = props({ items: CONVERSATION, onBranchChange });
    render(<ChatLayout {...p} />);
    expect(screen.getAllByRole('article', { name: /^Tool call: / }).map((a) => a.getAttribute('aria-label'))).toEqual([
      'Tool call: calculator',
      'Tool call: get_current_time',
      'Tool call: get_current_time',
    ]);
    // The last reply failed: Retry for it; the earlier replies can each be answered again.
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(p.onRetry).toHaveBeenCalledWith('a5');
    const regenerate = screen.getAllByRole('button', { name: 'Regenerate' });
    expect(regenerate).toHaveLength(4);
    fireEvent.click(regenerate[1]!);
    expect(p.onRegenerate).toHaveBeenCalledWith('a2');
    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }));
    expect(onBranchChange).toHaveBeenCalledWith('a2', 0);
    expect(screen.getByRole('button', { name: 'Next version' })).toHaveProperty('disabled', true);
  });

  it('Regenerate on the last finished reply reports its id', () => {
    const p = props({ items: CONVERSATION.slice(0, 2) });
    render(<ChatLayout {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    expect(p.onRegenerate).toHaveBeenCalledWith('a1');
  });

  it('Edit a message: the text in place, Cancel keeps it, Send resends it as a new version', () => {
    const onEdit = vi.fn();
    const p = props({ items: CONVERSATION.slice(0, 4), onEdit });
    render(<ChatLayout {...p} />);
    const edits = screen.getAllByRole('button', { name: 'Edit' });
    expect(edits).toHaveLength(2);
    fireEvent.click(edits[1]!);
    const box = screen.getByRole('textbox', { name: 'Edit message' }) as HTMLTextAreaElement;
    expect(box.value).toBe('What time is it in Tokyo?');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Edit' })[1]!);
    fireEvent.change(screen.getByRole('textbox', { name: 'Edit message' }), { target: { value: 'And in Paris?' } });
    const form = screen.getByRole('textbox', { name: 'Edit message' }).closest('form')!;
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    expect(onEdit).toHaveBeenCalledWith('u2', 'And in Paris?');
    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull();
  });

  it('the context meter warns near the limit', () => {
    render(<ChatLayout {...props({ context: { used: 3_800, total: 4_096 } })} />);
    expect(screen.getByText('3,800 / 4,096 tokens')).toBeTruthy();
    expect(screen.getByText(/Context almost full/)).toBeTruthy();
    cleanup();
    render(<ChatLayout {...props({ context: { used: 1_000, total: 4_096 } })} />);
    expect(screen.queryByText(/Context almost full/)).toBeNull();
  });
});
