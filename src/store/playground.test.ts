import { expect, test } from 'vitest';
import { usePlayground } from './playground';

test('renders the conversation to highlighted tokens and parses ids; bad input is an error, not a crash', () => {
  const s = usePlayground.getState();
  if ('error' in s.rendered) throw new Error(s.rendered.error);
  expect(s.rendered.tokens[0]).toEqual({ id: 200006, text: '<|start|>', special: true });
  expect(s.rendered.tokens.at(-1)).toEqual({ id: 173781, text: 'assistant', special: false });
  expect(s.parsed).toEqual({ messages: [
    { role: 'assistant', channel: 'analysis', content: [{ type: 'text', text: 'User asks: "What is 2 + 2?"' }] },
    { role: 'assistant', channel: 'final', content: [{ type: 'text', text: '2 + 2 = 4.' }] },
  ] });
  usePlayground.getState().setConversation('{"messages":[{"role":"robot","content":"x"}]}');
  expect(usePlayground.getState().rendered).toEqual({ error: 'conversation.messages[0].role: unknown role "robot"' });
  usePlayground.getState().setIds('1, two');
  expect(usePlayground.getState().parsed).toEqual({ error: 'not a token id: two' });
});
