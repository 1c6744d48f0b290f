// Every rendering case of HARMONY-SPEC §8.1 (fixtures copied from the spec's test-data) and the worked
// renders of §3, compared as token ids: the fixture text is tokenised the way the reference tests do.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  developerMessage,
  message,
  newDeveloperContent,
  newSystemContent,
  requiredChannels,
  systemMessage,
  withBrowserTool,
  withPythonTool,
} from './builders';
import { decodeUtf8 } from './encoding';
import { parseMessagesFromCompletionTokens } from './parser';
import {
  renderConversation,
  renderConversationForCompletion,
  renderConversationForTraining,
  renderMessage,
} from './render';
import { encodeWithSpecials } from './testing/tokens';
import type { Message, ReasoningEffort, ToolDescription } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), 'utf8');
const ID = 'You are ChatGPT, a large language model trained by OpenAI.';

function expectRender(tokens: number[], name: string): void {
  expect(decodeUtf8(tokens)).toBe(fixture(name));
  expect(tokens).toEqual(encodeWithSpecials(fixture(name)));
}

describe('§8.1 conversations', () => {
  test('test_simple_convo', () => {
    const convo = [systemMessage(newSystemContent({ modelIdentity: ID })), message('user', 'What is 2 + 2?')];
    expectRender(renderConversationForCompletion(convo, 'assistant'), 'test_simple_convo');
  });

  const efforts: ReasoningEffort[] = ['low', 'medium', 'high'];
  test.each(efforts)('test_simple_convo_with_effort: %s, with and without instructions', (effort) => {
    const sys = systemMessage(newSystemContent({ reasoningEffort: effort }));
    const dev = developerMessage(newDeveloperContent({ instructions: "Answer the user's questions like a robot." }));
    const user = message('user', 'What is the capital of the largest country in the world?');
    expectRender(renderConversationForCompletion([sys, dev, user], 'assistant'), `test_simple_convo_${effort}_effort`);
    expectRender(renderConversationForCompletion([sys, user], 'assistant'), `test_simple_convo_${effort}_effort_no_instruction`);
  });

  test('reasoning system messages (required channels, dates)', () => {
    const sys = (fields: Parameters<typeof newSystemContent>[0]) =>
      systemMessage(newSystemContent({ channelConfig: requiredChannels(['analysis', 'final']), ...fields }));
    expectRender(renderConversationForCompletion([sys({}), message('user', 'What is 2 + 2?')], 'assistant'), 'test_reasoning_system_message');
    expectRender(
      renderConversationForCompletion([sys({ reasoningEffort: 'high' }), message('user', 'What is the best place to eat candy in the world?')], 'assistant'),
      'test_reasoning_system_message_no_instruction',
    );
    expectRender(
      renderConversationForCompletion([sys({ conversationStartDate: '2021-01-01', knowledgeCutoff: '2021-01' }), message('user', 'What is 42 * pi?')], 'assistant'),
      'test_reasoning_system_message_with_dates',
    );
  });

  test('test_render_functions_with_parameters', () => {
    const format = { type: 'string', enum: ['celsius', 'fahrenheit'], default: 'celsius' };
    const tools: ToolDescription[] = [
      { name: 'get_location', description: 'Gets the location of the user.' },
      {
        name: 'get_current_weather',
        description: 'Gets the current weather in the provided location.',
        parameters: { type: 'object', properties: { location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' }, format }, required: ['location'] },
      },
      {
        name: 'get_multiple_weathers',
        description: 'Gets the current weather in the provided list of locations.',
        parameters: {
          type: 'object',
          properties: { locations: { type: 'array', items: { type: 'string' }, description: 'List of city and state, e.g. ["San Francisco, CA", "New York, NY"]' }, format },
          required: ['locations'],
        },
      },
      {
        name: 'kitchensink',
        description: 'A function with various complex schemas.',
        parameters: {
          description: 'params object',
          type: 'object',
          properties: {
            string: { type: 'string', title: 'STRING', description: 'A string', examples: ['hello', 'world'] },
            string_nullable: { type: 'string', nullable: true, description: 'A nullable string', default: 'the default' },
            string_enum: { type: 'string', enum: ['a', 'b', 'c'] },
            oneof_string_or_number: {
              oneOf: [{ type: 'string', default: 'default_string_in_oneof' }, { type: 'number', description: 'numbers can happen too' }],
              description: 'a oneof',
              default: 20,
            },
          },
        },
      },
    ];
    const convo = [
      systemMessage(newSystemContent({ reasoningEffort: 'high', conversationStartDate: '2025-06-28' })),
      developerMessage(newDeveloperContent({ instructions: 'Always respond in riddles', functionTools: tools })),
      message('user', 'What is the weather like in SF?'),
    ];
    expectRender(renderConversationForCompletion(convo, 'assistant'), 'test_render_functions_with_parameters');
  });

  test('built-in tools: none, browser, browser + function, browser + python', () => {
    const base = newSystemContent({ conversationStartDate: '2025-06-28' });
    expectRender(renderConversationForCompletion([systemMessage(base)], 'assistant'), 'test_no_tools');
    expectRender(renderConversationForCompletion([systemMessage(withBrowserTool(base))], 'assistant'), 'test_browser_tool_only');
    const lookup: ToolDescription = {
      name: 'lookup_weather',
      description: "Use this tool to lookup the weather in a given location. Call it with the parameter 'location', can be any textual description of a location.",
      parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
    };
    expectRender(
      renderConversationForCompletion([systemMessage(withBrowserTool(base)), developerMessage(newDeveloperContent({ functionTools: [lookup] }))], 'assistant'),
      'test_browser_and_function_tool',
    );
    // Inserted python first: namespaces still render alphabetically.
    expectRender(renderConversationForCompletion([systemMessage(withBrowserTool(withPythonTool(base)))], 'assistant'), 'test_browser_and_python_tool');
  });
});

describe('§6.1 chain-of-thought dropping', () => {
  const user = (t: string) => message('user', t);
  const analysis = (t: string) => message('assistant', t, { channel: 'analysis' });
  const final = (t: string) => message('assistant', t, { channel: 'final' });

  test('test_dropping_cot_by_default / test_preserve_cot', () => {
    const cot = [user('What is 2 + 2?'), analysis('User asks: “What is 2 + 2?” Simple arithmetic. Provide answer.'), final('2 + 2 equals 4.'), user('What about 9 / 2?')];
    expectRender(renderConversationForCompletion(cot, 'assistant'), 'test_dropping_cot_by_default');
    const kept = [user('What is 2 + 2?'), analysis('User asks a simple question: "What is 2 + 2?" The answer: 4.'), final('2 + 2 equals 4.'), user('What about 9 / 2?')];
    expectRender(renderConversationForCompletion(kept, 'assistant', { autoDropAnalysis: false }), 'test_preserve_cot');
  });

  test('test_does_not_drop_if_ongoing_analysis', () => {
    const convo: Message[] = [
      user('What is the weather in SF?'),
      analysis('User asks: “What is the weather in SF?” We need to use lookup_weather tool.'),
      message('assistant', '{"location": "San Francisco"}', { channel: 'commentary', recipient: 'functions.lookup_weather', contentType: '<|constrain|>json' }),
      message({ role: 'tool', name: 'functions.lookup_weather' }, '{"temperature": 20, "description": "sunny"}'),
    ];
    expectRender(renderConversationForCompletion(convo, 'assistant'), 'test_does_not_drop_if_ongoing_analysis');
  });

  test('test_keep_analysis_between_final_messages', () => {
    const convo = [user('What is 2 + 2?'), analysis('thinking 2+2'), final('4'), user('What is 3 + 5?'), analysis('thinking 3+5'), final('8')];
    expectRender(renderConversation(convo), 'test_keep_analysis_between_finals');
  });
});

describe('§3 worked renders and §8.1 small cases', () => {
  test.each<[string, Message, number[]]>([
    ['user Hello', message('user', 'Hello'), [200006, 1428, 200008, 13225, 200007]],
    ['assistant final', message('assistant', '2 + 2 = 4.', { channel: 'final' }), [200006, 173781, 200005, 17196, 200008, 17, 659, 220, 17, 314, 220, 19, 13, 200007]],
    ['call with <|constrain|>json', message('assistant', '{"location":"Tokyo"}', { channel: 'commentary', recipient: 'functions.get_weather', contentType: '<|constrain|>json' }),
      [200006, 173781, 316, 28, 44580, 775, 170154, 200005, 12606, 815, 220, 200003, 4108, 200008, 10848, 7693, 7534, 173844, 18583, 200012]],
    ['call with json', message('assistant', '{}', { channel: 'commentary', recipient: 'functions.get_weather', contentType: 'json' }),
      [200006, 173781, 316, 28, 44580, 775, 170154, 200005, 12606, 815, 5701, 200008, 12083, 200012]],
    ['tool result', message({ role: 'tool', name: 'functions.get_weather' }, '{"t":20}', { recipient: 'assistant', channel: 'commentary' }),
      [200006, 44580, 775, 170154, 316, 28, 173781, 200005, 12606, 815, 200008, 10848, 83, 1243, 455, 92, 200007]],
    ['python call', message('assistant', 'print(1)', { channel: 'analysis', recipient: 'python' }), [200006, 173781, 316, 28, 29010, 200005, 35644, 200008, 1598, 7, 16, 8, 200012]],
    ['user text <|end|>', message('user', '<|end|>'), [200006, 1428, 200008, 27, 91, 419, 91, 29, 200007]],
    ['two text pieces', message('user', [{ type: 'text', text: 'hel' }, { type: 'text', text: 'lo' }]), [200006, 1428, 200008, 4161, 746, 200007]],
  ])('%s', (_, m, ids) => {
    expect(renderMessage(m)).toEqual(ids);
  });

  test('text-level quirks: recipient "all", name, constrain with a space, empty developer', () => {
    const text = (m: Message) => decodeUtf8(renderMessage(m));
    expect(text(message('assistant', 'x', { channel: 'final', recipient: 'all' }))).toBe('<|start|>assistant<|channel|>final<|message|>x<|call|>');
    expect(text(message({ role: 'user', name: 'alice' }, 'hi'))).toBe('<|start|>user:alice<|message|>hi<|end|>');
    expect(renderMessage(message('assistant', '{}', { channel: 'commentary', recipient: 'functions.f', contentType: '<|constrain|> json' }))).toContain(5701);
    expect(text(developerMessage(newDeveloperContent({ instructions: '' })))).toBe('<|start|>developer<|message|># Instructions\n\n<|end|>');
    expect(text(developerMessage(newDeveloperContent()))).toBe('<|start|>developer<|message|><|end|>');
    expect(renderMessage(message('system', [{ type: 'system_content' }]))).toEqual([200006, 17360, 200008, 200007]);
  });

  test('default system message: 50 tokens (§4.2)', () => {
    expect(renderMessage(systemMessage(newSystemContent()))).toEqual([200006, 17360, 200008, 3575, 553, 17554, 162016, 11, 261, 4410, 6439, 2359, 22203, 656, 7788, 17527, 558, 87447, 100594, 25, 220, 1323, 19, 12, 3218, 279, 30377, 289, 25, 14093, 279, 2, 13888, 18403, 25, 8450, 11, 49159, 11, 1721, 13, 21030, 2804, 413, 7360, 395, 1753, 3176, 13, 200007]);
  });

  test('render == render_conversation; completion and training variants', () => {
    const hello = message('user', 'Hello');
    expect(renderConversation([hello])).toEqual(renderMessage(hello));
    expect(renderConversationForCompletion([hello], 'assistant')).toEqual([200006, 1428, 200008, 13225, 200007, 200006, 173781]);
    const convo = [message('user', 'hi'), message('assistant', 'hello', { channel: 'final' })];
    const regular = renderConversation(convo);
    const training = renderConversationForTraining(convo);
    expect(training.slice(0, -1)).toEqual(regular.slice(0, -1));
    expect([regular.at(-1), training.at(-1)]).toEqual([200007, 200002]);
    expect(decodeUtf8(training)).toBe('<|start|>user<|message|>hi<|end|><|start|>assistant<|channel|>final<|message|>hello<|return|>');
    expect(renderConversationForTraining([message('user', 'hi')])).toEqual(renderConversation([message('user', 'hi')]));
  });

  test('test_tool_call_with_constrain_tokenized_correctly: parse then render reproduces the ids', () => {
    const ids = encodeWithSpecials('<|start|>assistant to=functions.get_weather<|channel|>commentary <|constrain|>json<|message|>{"location": "Tokyo"}<|call|>');
    const parsed = parseMessagesFromCompletionTokens(ids, null);
    expect(parsed).toHaveLength(1);
    expect(renderConversation(parsed)).toEqual(ids);
  });

  test('test_tool_response_parsing (render half)', () => {
    const m = message({ role: 'tool', name: 'browser.search' }, '{"result": "https://openai.com/"}', { recipient: 'assistant', channel: 'commentary' });
    const ids = renderMessage(m).slice(0, -1);
    expect(decodeUtf8(ids)).toBe('<|start|>browser.search to=assistant<|channel|>commentary<|message|>{"result": "https://openai.com/"}');
    expect(parseMessagesFromCompletionTokens(ids, null)).toEqual([m]);
  });

  test('errors: tool without a name, content in the wrong role', () => {
    expect(() => renderMessage(message('tool', 'x'))).toThrow('Tools should have a name!');
    expect(() => renderMessage(message('user', [newSystemContent()]))).toThrow('SystemContent may only appear in system messages, found in User');
    expect(() => renderMessage(message('system', [newDeveloperContent()]))).toThrow('DeveloperContent may only appear in developer messages, found in System');
  });
});
