// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolCallCard } from './ToolCallCard';

afterEach(cleanup);

describe('ToolCallCard', () => {
  it('is an article named "Tool call: <tool>" with pretty arguments, result and duration', () => {
    render(<ToolCallCard tool="calculator" argsText='{"expression":"17 * 23"}' status="ok" output="391" ms={2} />);
    const card = screen.getByRole('article', { name: 'Tool call: calculator' });
    const args = within(card).getByText(/"expression"/);
    expect(args.textContent).toBe('{\n  "expression": "17 * 23"\n}');
    expect(within(card).getByText('Done')).toBeTruthy();
    expect(within(card).getByText('391')).toBeTruthy();
    expect(within(card).getByText('2 ms')).toBeTruthy();
  });

  it('shows arguments that are not JSON as generated', () => {
    render(<ToolCallCard tool="calculator" argsText="{expression: 17*23" status="running" />);
    const card = screen.getByRole('article', { name: 'Tool call: calculator' });
    expect(within(card).getByText('{expression: 17*23')).toBeTruthy();
    expect(within(card).getByText('Running…')).toBeTruthy();
    expect(card.getAttribute('aria-busy')).toBe('true');
  });

  it('shows an error with its fix and what the model was told', () => {
    const error = { code: 'tool-failed' as const, message: 'Unknown time zone "Tokyo".', fix: 'Use an IANA name such as Asia/Tokyo.' };
    render(<ToolCallCard tool="get_current_time" argsText='{"timezone":"Tokyo"}' status="error" error={error} output="Error: unknown zone" ms={1} />);
    const card = screen.getByRole('article', { name: 'Tool call: get_current_time' });
    expect(within(card).getByText('Failed')).toBeTruthy();
    expect(within(card).getByText(error.message)).toBeTruthy();
    expect(within(card).getByText(error.fix)).toBeTruthy();
    expect(within(card).getByText('Error: unknown zone')).toBeTruthy();
  });

  it('renders tool output as text, never as HTML', () => {
    const { container } = render(<ToolCallCard tool="x" argsText="" status="ok" output='<img src=x onerror="alert(1)">' />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror="alert(1)">')).toBeTruthy();
  });
});
