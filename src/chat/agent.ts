// One assistant turn: render the conversation, generate until `<|return|>` or `<|call|>`, run the called tool
// and continue the same turn on the engine's KV cache (the next prompt extends the ids already fed and
// generated, so the engine's prefix reuse is exact), until a final answer, a stop, an error or the limits.
import { EngineError, type EngineEvent, type GenerateRequest, type Sampling } from '../engine/protocol';
import { toolResultMessage } from '../harmony/builders';
import { encodeOrdinary, SPECIAL } from '../harmony/encoding';
import { renderMessage } from '../harmony/render';
import type { Message, ReasoningEffort } from '../harmony/types';
import type { ModelManifest } from '../models/manifest';
import { findTool, toolTitle } from '../tools/registry';
import { runToolCall, toolName } from '../tools/run';
import type { ToolDefinition } from '../tools/types';
import { chatError } from './errors';
import { renderPrompt } from './prompt';
import { TurnRecorder } from './turn-recorder';
import type { AssistantTurn, ChatError } from './types';

/** What the agent needs from the engine; src/engine/client.ts's EngineClient satisfies it. */
export interface GenerateEngine {
  generate(req: Omit<GenerateRequest, 'type' | 'requestId'>): { requestId: string; events: AsyncIterable<EngineEvent> };
  abort(requestId: string): void;
}

export interface TurnOptions {
  engine: GenerateEngine;
  model: ModelManifest;
  /** Prelude + the conversation so far, ending with the user's message (prompt.ts). */
  conversation: readonly Message[];
  /** The tools declared to the model: only these run. */
  tools: readonly ToolDefinition[];
  effort: ReasoningEffort;
  /** Default: the model's recommended sampling. */
  sampling?: Sampling;
  /** The user's stop: aborts the generation (or the running tool); what streamed is kept. */
  signal?: AbortSignal;
  /** Called with a new snapshot of the turn whenever it changes (ids arrived, a tool ran). */
  onUpdate?: (turn: AssistantTurn) => void;
  /** Tool calls run per turn before the turn ends with stopReason 'tool-limit'. */
  maxToolRounds?: number;
  /** Generated tokens per round (default: what is left of the context). */
  maxTokens?: number;
  /** When the user pressed Send (time to first token counts from here). */
  startedAt?: number;
  clock?: () => number;
  /** The tools' clock. */
  now?: () => Date;
}

export const DEFAULT_MAX_TOOL_ROUNDS = 8;
const STOP_IDS = [SPECIAL.return, SPECIAL.call];

export async function runTurn(o: TurnOptions): Promise<AssistantTurn> {
  const clock = o.clock ?? Date.now;
  const rec = new TurnRecorder({ modelId: o.model.id, effort: o.effort, startedAt: o.startedAt ?? clock() }, clock);
  const publish = (): void => o.onUpdate?.(rec.snapshot());
  const finish = (patch: Parameters<TurnRecorder['finish']>[0]): AssistantTurn => {
    const turn = rec.finish(patch);
    o.onUpdate?.(turn);
    return turn;
  };
  const maxToolRounds = o.maxToolRounds ?? DEFAULT_MAX_TOOL_ROUNDS;
  let tokens = renderPrompt(o.conversation);
  rec.setPrompt(tokens);
  let toolRounds = 0;

  for (;;) {
    rec.set({ contextTokens: tokens.length });
    if (o.signal?.aborted) return finish({ status: 'stopped', stopReason: 'abort' });
    const room = o.model.contextLength - tokens.length;
    if (room <= 0) return finish({ status: 'error', stopReason: 'length', error: contextFull(tokens.length, o.model) });
    const maxTokens = Math.min(room, o.maxTokens ?? room);

    rec.startRound();
    publish();
    const round = await generateRound(o, tokens, maxTokens, rec, publish);
    tokens = [...tokens, ...round.generated];
    rec.endRound();
    rec.set({ contextTokens: tokens.length });

    if (!round.done) return finish({ status: 'error', stopReason: 'error', error: round.error });
    const { reason, stopToken } = round.done;
    if (reason === 'abort') return finish({ status: 'stopped', stopReason: 'abort' });
    if (reason === 'length') return finish({ status: 'done', stopReason: 'length', ...(maxTokens === room ? { error: contextFull(tokens.length, o.model) } : {}) });
    if (stopToken !== SPECIAL.call) return finish({ status: 'done', stopReason: 'stop' });

    const call = rec.lastMessage();
    if (!call || call.message.recipient === undefined) {
      rec.warn('<|call|> ended a message without a recipient; no tool ran');
      return finish({ status: 'done', stopReason: 'stop' });
    }
    if (toolRounds >= maxToolRounds) {
      const error = chatError('tool-limit', `The model called tools ${maxToolRounds} times in this turn without answering; the turn stops at ${maxToolRounds}.`);
      rec.addToolRun({ ...toolRunOf(call.message, call.index, o.tools, clock()), status: 'error', error });
      return finish({ status: 'done', stopReason: 'tool-limit', error });
    }
    toolRounds++;
    const result = await callTool(o, rec, call.message, call.index, clock, publish);
    // Continue exactly after what the engine holds: prompt + generated ids, then the tool's message.
    const fed = [...renderMessage(result), SPECIAL.start, ...encodeOrdinary('assistant')];
    rec.fed(fed);
    tokens = [...tokens, ...fed];
  }
}

function contextFull(used: number, model: ModelManifest): ChatError {
  return chatError('context-full', `The conversation needs ${used} tokens; ${model.label} holds ${model.contextLength}.`);
}

const textOf = (m: Message): string => m.content.map((c) => (c.type === 'text' ? c.text : '')).join('');

function toolRunOf(call: Message, callIndex: number, tools: readonly ToolDefinition[], startedAt: number) {
  const recipient = call.recipient!;
  const tool = toolName(recipient);
  return { callIndex, recipient, tool, title: findTool(tool, tools)?.title ?? toolTitle(tool), argsText: textOf(call), startedAt };
}

/** Runs the call (never throws), records it on the card, appends the tool message; returns that message. */
async function callTool(o: TurnOptions, rec: TurnRecorder, call: Message, callIndex: number, clock: () => number, publish: () => void): Promise<Message> {
  const run = toolRunOf(call, callIndex, o.tools, clock());
  const index = rec.addToolRun({ ...run, status: 'running' });
  publish();
  const r = await runToolCall(run.recipient, run.argsText, { tools: o.tools, ...(o.signal ? { signal: o.signal } : {}), ...(o.now ? { now: o.now } : {}) });
  rec.updateToolRun(index, { status: r.error ? 'error' : 'ok', output: r.output, ms: r.ms, ...(r.error ? { error: r.error } : {}) });
  const message = toolResultMessage(run.recipient, r.output, call.channel ?? 'commentary');
  rec.appendMessage(message);
  publish();
  return message;
}

type Round = { generated: number[]; done: Extract<EngineEvent, { type: 'done' }> } | { generated: number[]; done?: undefined; error: ChatError };

async function generateRound(o: TurnOptions, tokens: number[], maxTokens: number, rec: TurnRecorder, publish: () => void): Promise<Round> {
  const generated: number[] = [];
  let requestId: string | undefined;
  const onStop = (): void => {
    if (requestId !== undefined) o.engine.abort(requestId);
  };
  try {
    const g = o.engine.generate({ tokens, sampling: o.sampling ?? o.model.sampling, stopTokens: STOP_IDS, maxTokens });
    requestId = g.requestId;
    o.signal?.addEventListener('abort', onStop);
    if (o.signal?.aborted) onStop();
    for await (const e of g.events) {
      if (e.type === 'prefill.done') rec.prefillDone(e);
      else if (e.type === 'tokens') {
        generated.push(...e.ids);
        rec.feed(e.ids);
        publish();
      } else if (e.type === 'done') {
        rec.roundDone(e.stats);
        return { generated, done: e };
      }
    }
    return { generated, error: chatError('inference-failed', 'The engine ended the generation without a result.') };
  } catch (e) {
    return { generated, error: asChatError(e) };
  } finally {
    o.signal?.removeEventListener('abort', onStop);
  }
}

function asChatError(e: unknown): ChatError {
  if (e instanceof EngineError) return e.toInfo();
  return chatError('inference-failed', `Generation failed: ${e instanceof Error ? e.message : String(e)}`);
}
