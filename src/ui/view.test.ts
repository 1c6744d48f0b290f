import { expect, it } from 'vitest';
import { viewFromSearch } from './view';

it('the chat is the first screen; ?view=playground opens the playground', () => {
  expect(viewFromSearch('')).toBe('chat');
  expect(viewFromSearch('?view=playground')).toBe('playground');
  expect(viewFromSearch('?view=other')).toBe('chat');
});
