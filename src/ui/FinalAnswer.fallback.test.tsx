// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { FinalAnswer } from './FinalAnswer';

// A renderer that breaks on some input (a bug, or its chunk failing to load): the answer must still show.
vi.mock('./MarkdownView', () => ({
  default: ({ text }: { text: string }) => {
    if (text.includes('boom')) throw new Error('renderer failed');
    return <p className="rendered">{text}</p>;
  },
}));

afterEach(cleanup);

it('falls back to plain text, never HTML, when the Markdown renderer fails', async () => {
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  const { container, rerender } = render(<FinalAnswer text="fine" />);
  await screen.findByText('fine', { selector: '.rendered' }, { timeout: 10_000 });
  rerender(<FinalAnswer text={'boom **391** <b>x</b>'} />);
  expect(container.querySelector('.plain-answer')?.textContent).toBe('boom **391** <b>x</b>');
  expect(container.querySelector('b')).toBeNull();
  quiet.mockRestore();
});
