import { describe, expect, test } from 'vitest';
import { conversationFromJson, conversationToJson, messageFromJson, messageToJson } from './json';

describe('openai-harmony JSON wire form', () => {
  test('flat message with a string content and snake_case fields', () => {
    const m = messageFromJson({ role: 'assistant', recipient: 'functions.f', channel: 'commentary', content_type: '<|constrain|>json', content: '{}' });
    expect(m).toEqual({ author: { role: 'assistant' }, recipient: 'functions.f', channel: 'commentary', contentType: '<|constrain|>json', content: [{ type: 'text', text: '{}' }] });
    expect(messageToJson(m)).toEqual({ role: 'assistant', recipient: 'functions.f', channel: 'commentary', content_type: '<|constrain|>json', content: [{ type: 'text', text: '{}' }] });
    expect(messageToJson(m, { textAsString: true }).content).toBe('{}');
  });

  test('tool author name; null optional fields mean absent', () => {
    const m = messageFromJson({ role: 'tool', name: 'functions.f', recipient: 'assistant', channel: null, content: [{ type: 'text', text: 'ok' }] });
    expect(m.author).toEqual({ role: 'tool', name: 'functions.f' });
    expect('channel' in m).toBe(false);
    expect(messageToJson(m)).toEqual({ role: 'tool', name: 'functions.f', recipient: 'assistant', content: [{ type: 'text', text: 'ok' }] });
  });

  test('system and developer content round-trip, only the fields given', () => {
    const sys = {
      role: 'system',
      content: [{
        type: 'system_content', model_identity: 'Me', reasoning_effort: 'High', conversation_start_date: '2025-06-28', knowledge_cutoff: '2024-06',
        channel_config: { valid_channels: ['analysis', 'final'], channel_required: true },
        tools: { browser: { name: 'browser', description: 'Tool for browsing.', tools: [{ name: 'search', description: 'Searches.', parameters: { type: 'object', properties: { q: { type: 'string' } } } }] } },
      }],
    };
    const m = messageFromJson(sys);
    expect(m.content[0]).toMatchObject({ type: 'system_content', reasoningEffort: 'high', modelIdentity: 'Me', channelConfig: { validChannels: ['analysis', 'final'], channelRequired: true } });
    expect(messageToJson(m)).toEqual(sys);
    expect(messageFromJson({ role: 'system', content: [{ type: 'system_content' }] }).content[0]).toEqual({ type: 'system_content' });
    const dev = { role: 'developer', content: [{ type: 'developer_content', instructions: 'Be brief.', tools: { functions: { name: 'functions', tools: [{ name: 'f', description: '' }] } } }] };
    expect(messageToJson(messageFromJson(dev))).toEqual(dev);
  });

  test('conversations', () => {
    const c = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
    expect(conversationToJson(conversationFromJson(c))).toEqual(c);
  });

  test.each([
    [{ role: 'robot', content: 'x' }, 'message.role: unknown role "robot"'],
    [{ content: 'x' }, 'message.role: missing'],
    [{ role: 'user', content: 3 }, 'message.content: expected an array'],
    [{ role: 'user', content: [{ type: 'image' }] }, 'message.content[0].type: unknown content type "image"'],
    [{ role: 'system', content: [{ type: 'system_content', reasoning_effort: 'low' }] }, 'message.content[0].reasoning_effort: expected "Low", "Medium" or "High"'],
    [{ role: 'developer', content: [{ type: 'developer_content', tools: { functions: { name: 'functions', tools: [{ name: 'f' }] } } }] }, 'message.content[0].tools.functions.tools[0].description: missing'],
    ['nope', 'message: expected an object'],
  ])('rejects %j with a clear path', (input, message) => {
    expect(() => messageFromJson(input)).toThrow(message);
  });
});

test('keys come out in serde order', () => {
  const m = messageFromJson({ content_type: 'json', channel: 'commentary', content: '{}', recipient: 'functions.f', role: 'assistant' });
  expect(JSON.stringify(messageToJson(m, { textAsString: true }))).toBe('{"role":"assistant","recipient":"functions.f","content":"{}","channel":"commentary","content_type":"json"}');
});
