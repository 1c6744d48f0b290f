// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assistantMessage as am, calculatorTurn, emptyStats, makeTurn } from '../chat/testing/turns';
import { AssistantMessage } from './AssistantMessage';

afterEach(cleanup);

const calcTurn = calculatorTurn({
  thinkingStartedAt: 0,
  thinkingEndedAt: 3_000,
  stats: { ...emptyStats(), prefillTokens: 100, prefillMs: 50, decodeTokens: 40, decodeMs: 1_000, ttftMs: 80, analysisTokens: 12, finalTokens: 5, rounds: 2 },
});

describe('AssistantMessage', () => {
  it('shows the parts in order: reasoning toggle (collapsed), tool card, answer', async () => {
    const { container } = render(<AssistantMessage turn={calcTurn} isLast />);
    const toggle = screen.getByRole('button', { name: /^Thought for 3 s/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const card = screen.getByRole('article', { name: 'Tool call: calculator' });
    expect(within(card).getByText('391')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Thought/ })).toHaveLength(2);
    await screen.findByText('391', { selector: '.final-answer strong' }, { timeout: 20_000 });
    const order = [...container.querySelectorAll('.analysis-panel, .tool-card, .final-answer')].map((e) => e.className.split(' ')[0]);
    expect(order).toEqual(['analysis-panel', 'tool-card', 'analysis-panel', 'final-answer']);
  });

  it('shows per-reply figures and Regenerate on any finished reply', () => {
    const onRegenerate = vi.fn();
    const { rerender } = render(<AssistantMessage turn={calcTurn} isLast onRegenerate={onRegenerate} />);
    const stats = screen.getByText(/first token/);
    expect(stats.textContent).toContain('first token 80 ms');
    expect(stats.textContent).toContain('prefill 2000 tok/s (100 tokens)');
    expect(stats.textContent).toContain('decode 40.0 tok/s');
    expect(stats.textContent).toContain('12 reasoning + 5 answer tokens');
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    expect(onRegenerate).toHaveBeenCalledTimes(1);
    rerender(<AssistantMessage turn={calcTurn} isLast={false} onRegenerate={onRegenerate} />);
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    expect(onRegenerate).toHaveBeenCalledTimes(2);
  });

  it('the KV reuse shows as re-prefilled tokens', () => {
    const turn = { ...calcTurn, stats: { ...calcTurn.stats, prefillTokens: 12, prefillMs: 6, reusedTokens: 230 } };
    render(<AssistantMessage turn={turn} isLast />);
    expect(screen.getByText(/first token/).textContent).toContain('prefill 2000 tok/s · re-prefilled 12 tokens (230 reused from the KV cache)');
  });

  it('Inspect tokens for a reply that recorded its ids', () => {
    const onInspect = vi.fn();
    const { rerender } = render(<AssistantMessage turn={calcTurn} isLast onInspect={onInspect} />);
    expect(screen.queryByRole('button', { name: 'Inspect tokens' })).toBeNull();
    rerender(<AssistantMessage turn={{ ...calcTurn, promptIds: [1, 2], completionIds: [3] }} isLast onInspect={onInspect} />);
    fireEvent.click(screen.getByRole('button', { name: 'Inspect tokens' }));
    expect(onInspect).toHaveBeenCalled();
  });

  it('while streaming: no figures, no Regenerate; a fresh turn says it is reading', () => {
    render(<AssistantMessage turn={makeTurn({ status: 'streaming' })} isLast onRegenerate={() => {}} />);
    expect(screen.getByText('Reading your message…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull();
    expect(screen.queryByText(/tok\/s/)).toBeNull();
  });

  it('a stopped reply keeps its partial text and says Stopped', async () => {
    render(<AssistantMessage turn={makeTurn({ status: 'stopped', stopReason: 'abort', messages: [am('final', 'Partial ans')] })} isLast />);
    expect(screen.getByText('Stopped')).toBeTruthy();
    await screen.findByText('Partial ans', undefined, { timeout: 20_000 });
  });

  it('a failed reply shows the error, its fix sentence and Retry (not Regenerate)', () => {
    const onRetry = vi.fn();
    const error = { code: 'worker-crashed' as const, message: 'The inference worker crashed.', fix: 'It was restarted; try again.' };
    render(<AssistantMessage turn={makeTurn({ status: 'error', stopReason: 'error', error })} isLast onRetry={onRetry} onRegenerate={() => {}} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(error.message);
    expect(alert.textContent).toContain(error.fix);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull();
  });

  it('an earlier failed reply (not the last) offers Regenerate, not Retry', () => {
    const error = { code: 'worker-crashed' as const, message: 'The inference worker crashed.', fix: 'It was restarted; try again.' };
    render(<AssistantMessage turn={makeTurn({ status: 'error', stopReason: 'error', error })} isLast={false} onRetry={() => {}} onRegenerate={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Regenerate' })).toBeTruthy();
  });

  it('says when the tool-round limit ended the reply', () => {
    const error = { code: 'tool-limit' as const, message: 'Stopped after 8 tool calls in one reply.', fix: 'Ask a narrower question.' };
    render(<AssistantMessage turn={makeTurn({ status: 'done', stopReason: 'tool-limit', error })} isLast />);
    expect(screen.getByText(`${error.message} ${error.fix}`)).toBeTruthy();
  });

  it('passes the stored open/closed choice to every reasoning panel', () => {
    const onAnalysisOpenChange = vi.fn();
    const turn = makeTurn({ messages: [am('analysis', 'one'), am('commentary', '{}', 'functions.x'), am('analysis', 'two'), am('final', 'ok')] });
    render(<AssistantMessage turn={turn} isLast analysisOpen onAnalysisOpenChange={onAnalysisOpenChange} />);
    const toggles = screen.getAllByRole('button', { name: /^Thought/ });
    expect(toggles.map((t) => t.getAttribute('aria-expanded'))).toEqual(['true', 'true']);
    fireEvent.click(toggles[1]!);
    expect(onAnalysisOpenChange).toHaveBeenCalledWith(false);
  });
});
