// Harmony playground state: a conversation in openai-harmony JSON and token ids to parse. The store calls the
// Harmony module; views only read results.
import { create } from 'zustand';
import {
  conversationFromJson,
  messageToJson,
  parseMessagesFromCompletionTokens,
  renderConversationForCompletion,
  specialTokenText,
  tokenBytes,
  type JsonMessage,
} from '../harmony';

export interface TokenView {
  id: number;
  text: string;
  special: boolean;
}

export interface PlaygroundState {
  conversationJson: string;
  idsText: string;
  rendered: { tokens: TokenView[] } | { error: string };
  parsed: { messages: JsonMessage[] } | { error: string };
  setConversation(json: string): void;
  setIds(text: string): void;
}

const EXAMPLE = JSON.stringify(
  {
    messages: [
      { role: 'system', content: [{ type: 'system_content', model_identity: 'You are ChatGPT, a large language model trained by OpenAI.', reasoning_effort: 'Low', knowledge_cutoff: '2024-06', channel_config: { valid_channels: ['analysis', 'commentary', 'final'], channel_required: true } }] },
      { role: 'user', content: 'What is 17 * 23?' },
    ],
  },
  null,
  2,
);

const lossy = new TextDecoder('utf-8', { fatal: false });
function view(id: number): TokenView {
  const special = specialTokenText(id);
  if (special !== undefined) return { id, text: special, special: true };
  return { id, text: lossy.decode(tokenBytes(id) ?? new Uint8Array()), special: false };
}

function render(json: string): PlaygroundState['rendered'] {
  try {
    const ids = renderConversationForCompletion(conversationFromJson(JSON.parse(json)), 'assistant');
    return { tokens: ids.map(view) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function parse(text: string): PlaygroundState['parsed'] {
  try {
    const ids = text.split(/[\s,[\]]+/).filter(Boolean).map((t) => {
      const n = Number(t);
      if (!Number.isSafeInteger(n)) throw new Error(`not a token id: ${t}`);
      return n;
    });
    return { messages: parseMessagesFromCompletionTokens(ids, 'assistant', { tolerant: true }).map((m) => messageToJson(m)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

const SAMPLE_IDS = '200005, 35644, 200008, 1844, 31064, 25, 392, 4827, 382, 220, 17, 659, 220, 17, 16842, 200007, 200006, 173781, 200005, 17196, 200008, 17, 659, 220, 17, 314, 220, 19, 13, 200002';

export const usePlayground = create<PlaygroundState>((set) => ({
  conversationJson: EXAMPLE,
  idsText: SAMPLE_IDS,
  rendered: render(EXAMPLE),
  parsed: parse(SAMPLE_IDS),
  setConversation: (json) => set({ conversationJson: json, rendered: render(json) }),
  setIds: (text) => set({ idsText: text, parsed: parse(text) }),
}));
