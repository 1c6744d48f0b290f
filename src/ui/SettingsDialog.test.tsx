// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findModel } from '../models/manifest';
import SettingsDialog, { type SettingsDialogProps } from './SettingsDialog';

afterEach(cleanup);

function props(over: Partial<SettingsDialogProps> = {}): SettingsDialogProps {
  return {
    onClose: vi.fn(),
    model: findModel('overtone-tiny-random')!,
    instructions: '',
    onInstructionsChange: vi.fn(),
    sampling: {},
    onSamplingChange: vi.fn(),
    contextCap: null,
    onContextCapChange: vi.fn(),
    onReset: vi.fn(),
    disabledTools: ['get_current_time'],
    onBuiltinToolChange: vi.fn(),
    userTools: [],
    onSaveUserTool: vi.fn(),
    onRemoveUserTool: vi.fn(),
    ...over,
  };
}

describe('SettingsDialog', () => {
  it("the model's defaults as placeholders; valid numbers are set, invalid ones only flagged; reset; built-in tools", () => {
    const p = props();
    render(<SettingsDialog {...p} />);
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const temperature = within(dialog).getByLabelText('Temperature') as HTMLInputElement;
    expect(temperature.placeholder).toBe('1 (model default)');
    fireEvent.change(temperature, { target: { value: '0.7' } });
    expect(p.onSamplingChange).toHaveBeenLastCalledWith({ temperature: 0.7 });
    fireEvent.change(within(dialog).getByLabelText('Seed'), { target: { value: '1.5' } });
    expect(p.onSamplingChange).toHaveBeenCalledTimes(1);
    expect(within(dialog).getByLabelText('Seed').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(within(dialog).getByLabelText('Context length cap'), { target: { value: '2048' } });
    expect(p.onContextCapChange).toHaveBeenCalledWith(2048);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset to model defaults' }));
    expect(p.onReset).toHaveBeenCalled();
    expect((within(dialog).getByRole('checkbox', { name: /Current time/ }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Calculator/ }));
    expect(p.onBuiltinToolChange).toHaveBeenCalledWith('calculator', false);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('a fixed-prelude model: the dialog says instructions and user tools are ignored', () => {
    render(<SettingsDialog {...props({ model: findModel('overtone-tiny-demo')! })} />);
    expect(screen.getByRole('note').textContent).toMatch(/ignores developer instructions and your own tools/);
  });

  it('a user tool: problems shown next to their fields, nothing saved until the definition is sound', () => {
    const p = props();
    render(<SettingsDialog {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add tool' }));
    const form = screen.getByRole('form', { name: 'New tool' });
    fireEvent.change(within(form).getByLabelText('Tool name'), { target: { value: 'calculator' } });
    fireEvent.change(within(form).getByLabelText('Parameters (JSON Schema)'), { target: { value: '{"type": "object",' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save tool' }));
    expect(within(form).getByText(/^Not valid JSON/)).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Parameters (JSON Schema)'), { target: { value: '{"type": "object", "properties": {"text": {"type": "string"}}}' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save tool' }));
    expect(within(form).getByText('Another tool is already called calculator.')).toBeTruthy();
    expect(within(form).getByText(/Say what the tool does/)).toBeTruthy();
    expect(within(form).getByLabelText('Tool name').getAttribute('aria-invalid')).toBe('true');
    expect(p.onSaveUserTool).not.toHaveBeenCalled();
    fireEvent.change(within(form).getByLabelText('Tool name'), { target: { value: 'shout' } });
    fireEvent.change(within(form).getByLabelText('Tool description'), { target: { value: 'Upper-cases.' } });
    fireEvent.click(within(form).getByRole('radio', { name: /Ask me/ }));
    fireEvent.change(within(form).getByLabelText('Approval'), { target: { value: 'auto' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save tool' }));
    expect(p.onSaveUserTool).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'shout', description: 'Upper-cases.', implementation: { kind: 'ask' }, approval: 'auto', enabled: true, parameters: { type: 'object', properties: { text: { type: 'string' } } } }),
    );
  });
});
