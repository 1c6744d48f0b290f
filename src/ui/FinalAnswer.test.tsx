// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FinalAnswer } from './FinalAnswer';

afterEach(cleanup);

const HOSTILE = [
  'Hello <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script>',
  '',
  '<div onclick="window.__pwned=3">block</div>',
  '',
  '[click me](javascript:window.__pwned=4) [also](JaVaScRiPt:alert(1)) [fine](https://example.com)',
  '',
  '![tracker](https://evil.example/pixel.png)',
].join('\n');

/** Waits for the lazy Markdown renderer to replace the plain-text fallback. */
async function renderAnswer(text: string) {
  const view = render(<FinalAnswer text={text} />);
  await waitFor(() => expect(view.container.querySelector('.plain-answer')).toBeNull(), { timeout: 20_000 });
  return view;
}

describe('FinalAnswer', () => {
  // First in the file: the lazy renderer is not loaded yet in this module registry.
  it('shows plain text (never HTML) until the renderer has loaded', () => {
    const { container } = render(<FinalAnswer text={'<b>bold?</b> **md**'} />);
    const fallback = container.querySelector('.plain-answer');
    expect(fallback?.textContent).toBe('<b>bold?</b> **md**');
    expect(container.querySelector('b')).toBeNull();
  });

  it('renders Markdown: emphasis, GFM tables, highlighted code with a copy button', async () => {
    const md = 'It is **391**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\ndef f():\n    return 1\n```\n';
    const { container } = await renderAnswer(md);
    expect(container.querySelector('strong')?.textContent).toBe('391');
    expect(container.querySelector('table td')?.textContent).toBe('1');
    expect(container.querySelector('code.language-python .hljs-keyword')?.textContent).toBe('def');
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(writeText).toHaveBeenCalledWith('def f():\n    return 1');
    await screen.findByRole('button', { name: 'Copied' });
  });

  it('highlights aliases of the bundled languages and leaves other languages plain', async () => {
    const { container } = await renderAnswer('```ts\nconst x: number = 1;\n```\n\n```kotlin\nval x = 1\n```\n');
    expect(container.querySelector('code.language-ts .hljs-keyword')?.textContent).toBe('const');
    const kotlin = container.querySelector('code.language-kotlin');
    expect(kotlin?.textContent).toBe('val x = 1\n');
    expect(kotlin?.querySelector('span')).toBeNull();
  });

  it('renders hostile output inert: no img with onerror, no script, no javascript: link, no remote image', async () => {
    const { container } = await renderAnswer(HOSTILE);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror],[onclick]')).toBeNull();
    for (const a of container.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https:/);
    expect(screen.getByRole('link', { name: 'fine' }).getAttribute('href')).toBe('https://example.com');
    // What the model wrote stays visible, as text.
    expect(container.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(container.textContent).toContain('<script>');
    expect(container.textContent).toContain('click me');
    expect(container.textContent).toContain('[Image: tracker]');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
