// Runs one held-out conversation the way the app does: render the conversation (earlier analysis dropped,
// spec §6.1), generate greedily to <|return|>/<|call|>, parse strictly, run the called tool, append its
// result and continue the same turn on the engine's reused KV cache; the next user turn follows the model's
// own earlier answers. The engine is a function, so Node (EngineCore) and the browser (harness page) share it.
import { message, toolResultMessage } from '../../src/harmony/builders';
import { SPECIAL } from '../../src/harmony/encoding';
import { parseMessagesFromCompletionTokens } from '../../src/harmony/parser';
import { renderConversationForCompletion, renderMessage } from '../../src/harmony/render';
import type { Message } from '../../src/harmony/types';
import type { EvalConversation } from './heldout-conversations';
import { prelude } from './prelude';
import { scoreTurn, type TurnResult } from './score';
import { ToolError, runDemoTool } from './tool-runner';

export const STOPS = [SPECIAL.return, SPECIAL.call];
export const MAX_TOKENS = 160;
const MAX_TOOL_CALLS = 3;
const ASSISTANT_HEADER = [SPECIAL.start, 173781]; // `<|start|>assistant`

export type Generate = (tokens: number[]) => Promise<{ ids: number[]; stopped: boolean; reused: number }>;

export interface ConversationResult {
  results: (TurnResult & { effort: string; features: string[] })[];
  /** One line per turn: what the user said and what the model did. */
  transcript: string[];
  reused: number;
  failure?: string;
}

const text = (m: Message): string => m.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
export const describe = (m: Message): string => `[${m.author.role === 'tool' ? 'tool' : (m.channel ?? '')}${m.recipient && m.author.role !== 'tool' ? ' to=' + m.recipient : ''}] ${text(m)}`;

/** The tool's answer, or the error text the app would hand back to the model. */
function toolOutput(call: Message, clock: string): string {
  try {
    return runDemoTool(call.recipient ?? '', text(call), clock);
  } catch (e) {
    if (e instanceof ToolError) return `Error: ${e.message}`;
    throw e;
  }
}

export async function runConversation(generate: Generate, conv: EvalConversation): Promise<ConversationResult> {
  const messages: Message[] = [...prelude(conv.effort)];
  const out: ConversationResult = { results: [], transcript: [], reused: 0 };
  let broken = false;
  for (const turn of conv.turns) {
    messages.push(message('user', turn.user));
    let produced: Message[] | null = null;
    if (!broken) {
      produced = [];
      let tokens = renderConversationForCompletion(messages, 'assistant');
      try {
        for (let step = 0; step <= MAX_TOOL_CALLS; step++) {
          const g = await generate(tokens);
          out.reused += g.reused;
          if (!g.stopped) throw new Error(`no stop token within ${MAX_TOKENS} tokens`);
          const parsed = parseMessagesFromCompletionTokens(g.ids, 'assistant', { strict: true });
          produced.push(...parsed);
          tokens = [...tokens, ...g.ids];
          if (g.ids[g.ids.length - 1] !== SPECIAL.call) break;
          const result = toolResultMessage(parsed[parsed.length - 1]!.recipient ?? '', toolOutput(parsed[parsed.length - 1]!, turn.clock));
          produced.push(result);
          tokens.push(...renderMessage(result), ...ASSISTANT_HEADER);
        }
      } catch (e) {
        out.failure = `${turn.user} -> ${(e as Error).message}`;
        out.transcript.push(`${turn.user} => ${produced.map(describe).join(' | ')} !! ${(e as Error).message}`);
        produced = null;
        broken = true;
      }
    }
    if (produced) {
      out.transcript.push(`${turn.user} => ${produced.map(describe).join(' | ')}`);
      messages.push(...produced);
    }
    out.results.push({ ...scoreTurn(produced, turn.expect), effort: conv.effort, features: turn.features });
  }
  return out;
}
