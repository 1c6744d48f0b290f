// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisPanel, analysisHeader, lastLine } from './AnalysisPanel';

afterEach(cleanup);

const toggle = () => screen.getByRole('button', { name: /^(Reasoning|Thinking|Thought)/ });

describe('AnalysisPanel', () => {
  it('is collapsed by default, with a live one-line tail while thinking', () => {
    render(<AnalysisPanel text={'First idea.\nSecond idea, still going'} live />);
    expect(toggle()).toHaveProperty('textContent', '▸Thinking…');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('Second idea, still going')).toBeTruthy();
    expect(screen.queryByText(/First idea/)).toBeNull();
  });

  it('opens and closes on click and reports the choice', () => {
    const onOpenChange = vi.fn();
    render(<AnalysisPanel text={'Line one.\nLine two.'} live={false} thinkingMs={5_600} onOpenChange={onOpenChange} />);
    fireEvent.click(toggle());
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(onOpenChange).toHaveBeenLastCalledWith(true);
    expect(screen.getByText(/Line one\.\s+Line two\./)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy reasoning' })).toBeTruthy();
    fireEvent.click(toggle());
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
  });

  it("follows the stored choice: open stays open when the reply moves on", () => {
    const { rerender } = render(<AnalysisPanel text="thinking" live open />);
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    rerender(<AnalysisPanel text="thinking done" live={false} thinkingMs={800} open />);
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('thinking done')).toBeTruthy();
  });

  it('keeps its own choice across re-renders when uncontrolled', () => {
    const { rerender } = render(<AnalysisPanel text="a" live />);
    fireEvent.click(toggle());
    rerender(<AnalysisPanel text="ab" live={false} thinkingMs={3_000} />);
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
  });

  it('says how long it thought', () => {
    render(<AnalysisPanel text="x" live={false} thinkingMs={12_400} />);
    expect(toggle().textContent).toContain('Thought for 12 s');
  });
});

describe('analysis helpers', () => {
  it('headers', () => {
    expect(analysisHeader(true, 5_000)).toBe('Thinking…');
    expect(analysisHeader(false, 1_999)).toBe('Thought briefly');
    expect(analysisHeader(false, 2_000)).toBe('Thought for 2 s');
    expect(analysisHeader(false, undefined)).toBe('Thought');
  });
  it('lastLine skips trailing blank lines and keeps the end of a long line', () => {
    expect(lastLine('one\ntwo\n\n  \n')).toBe('two');
    expect(lastLine('')).toBe('');
    expect(lastLine('abcdefghij', 4)).toBe('ghij');
  });
});
