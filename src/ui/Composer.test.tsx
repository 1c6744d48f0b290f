// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReasoningEffort } from '../harmony/types';
import { Composer, type ComposerProps } from './Composer';

afterEach(cleanup);

/** The composer with its value owned here, as ChatLayout owns it. */
function Harness(props: Partial<ComposerProps>) {
  const [value, setValue] = useState(props.value ?? '');
  const [effort, setEffort] = useState<ReasoningEffort>('medium');
  return (
    <Composer
      busy={false}
      canSend
      onStop={() => {}}
      {...props}
      value={value}
      onChange={setValue}
      onSend={(text) => {
        props.onSend?.(text);
        setValue('');
      }}
      effort={props.effort ?? effort}
      onEffortChange={props.onEffortChange ?? setEffort}
    />
  );
}

const box = () => screen.getByRole('textbox', { name: 'Message' });

describe('Composer', () => {
  it('Enter sends, Shift+Enter does not', () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    fireEvent.change(box(), { target: { value: 'line one' } });
    const shift = fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true });
    expect(shift).toBe(true); // not prevented: the browser inserts the newline
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('line one');
    expect((box() as HTMLTextAreaElement).value).toBe('');
  });

  it('does not send blank text or while IME composition is on', () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    fireEvent.change(box(), { target: { value: '   ' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    fireEvent.change(box(), { target: { value: 'かな' } });
    fireEvent.keyDown(box(), { key: 'Enter', isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('the Send button sends', () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    fireEvent.change(box(), { target: { value: 'hi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('hi');
  });

  it('while busy: Stop instead of Send, Esc stops, Enter does not send, typing still works', () => {
    const onStop = vi.fn();
    const onSend = vi.fn();
    render(<Harness busy onStop={onStop} onSend={onSend} />);
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    fireEvent.change(box(), { target: { value: 'next question' } });
    expect((box() as HTMLTextAreaElement).value).toBe('next question');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(onStop).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledTimes(2);
  });

  it('Esc does nothing when no reply is being written', () => {
    const onStop = vi.fn();
    render(<Harness onStop={onStop} />);
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(onStop).not.toHaveBeenCalled();
  });

  it('typing works before the model is ready; Send says why it waits', () => {
    const onSend = vi.fn();
    render(<Harness canSend={false} disabledReason="Loading the model… 42 %" onSend={onSend} />);
    fireEvent.change(box(), { target: { value: 'early bird' } });
    expect((box() as HTMLTextAreaElement).value).toBe('early bird');
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    expect(box().getAttribute('aria-describedby')).toBe(screen.getByText('Loading the model… 42 %').id);
  });

  it('the reasoning effort combobox offers Low/Medium/High and reports the choice', () => {
    const onEffortChange = vi.fn();
    render(<Harness effort="medium" onEffortChange={onEffortChange} />);
    const select = screen.getByRole('combobox', { name: 'Reasoning effort' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['Low', 'Medium', 'High']);
    expect(select.value).toBe('medium');
    fireEvent.change(select, { target: { value: 'high' } });
    expect(onEffortChange).toHaveBeenCalledWith('high');
  });
});
