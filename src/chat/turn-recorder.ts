// Builds an AssistantTurn as ids stream in: a tolerant Harmony stream parser per generation round, finished
// messages and the message being written, token counts per channel, thinking time, tool runs. Each
// snapshot() is a new object (the store hands it to React); the recorder's own state stays private.
import type { GenerationStats } from '../engine/protocol';
import { StreamParser } from '../harmony/parser';
import type { Message } from '../harmony/types';
import { newTurn } from './turn';
import type { AssistantTurn, ToolRun, TurnStats } from './types';

export class TurnRecorder {
  private turn: AssistantTurn;
  private readonly committed: Message[] = [];
  private readonly warnings: string[] = [];
  private tools: ToolRun[] = [];
  private parser: StreamParser | null = null;
  /** Every id after the first prompt: generated ids and what the loop fed back between rounds. */
  private readonly completion: number[] = [];

  constructor(
    init: Pick<AssistantTurn, 'modelId' | 'effort' | 'startedAt'>,
    private readonly clock: () => number,
  ) {
    this.turn = newTurn(init.modelId, init.effort, init.startedAt);
  }

  private stats(patch: Partial<TurnStats>): void {
    this.turn = { ...this.turn, stats: { ...this.turn.stats, ...patch } };
  }

  set(patch: Partial<AssistantTurn>): void {
    this.turn = { ...this.turn, ...patch };
  }

  /** The first round's prompt (the inspector shows it; later rounds only extend it). */
  setPrompt(ids: readonly number[]): void {
    if (this.turn.promptIds === undefined) this.turn = { ...this.turn, promptIds: [...ids] };
  }

  /** Ids the loop fed to the model itself between rounds (a tool's message, the next `<|start|>assistant`). */
  fed(ids: readonly number[]): void {
    this.completion.push(...ids);
  }

  startRound(): void {
    // The prompt of every round ends with `<|start|>assistant`: the model writes the rest of the header.
    this.parser = new StreamParser({ role: 'assistant', tolerant: true });
    this.stats({ rounds: this.turn.stats.rounds + 1 });
  }

  prefillDone(e: { tokens: number; ms: number; reusedTokens: number }): void {
    const s = this.turn.stats;
    this.stats({ prefillTokens: s.prefillTokens + e.tokens, prefillMs: s.prefillMs + e.ms, reusedTokens: s.reusedTokens + e.reusedTokens });
  }

  roundDone(engineStats: GenerationStats): void {
    const s = this.turn.stats;
    this.stats({ decodeTokens: s.decodeTokens + engineStats.decodeTokens, decodeMs: s.decodeMs + engineStats.decodeMs, roundStats: [...(s.roundStats ?? []), engineStats] });
  }

  feed(ids: readonly number[]): void {
    const p = this.parser!;
    const now = this.clock();
    this.completion.push(...ids);
    if (this.turn.stats.ttftMs === undefined && ids.length > 0) this.stats({ ttftMs: now - this.turn.startedAt });
    let { analysisTokens, finalTokens } = this.turn.stats;
    for (const id of ids) {
      const inContent = p.state.state === 'Content';
      p.process(id);
      const after = p.state;
      if (after.state !== 'Content') continue;
      const channel = after.header.channel;
      if (channel === 'analysis') {
        if (this.turn.thinkingStartedAt === undefined) this.turn = { ...this.turn, thinkingStartedAt: now };
        this.turn = { ...this.turn, thinkingEndedAt: now };
      }
      if (!inContent) continue; // the `<|message|>` that opened the content
      if (channel === 'analysis') analysisTokens++;
      else if (channel === 'final') finalTokens++;
    }
    this.stats({ analysisTokens, finalTokens });
    // Every generated id is in the model's context: the meter moves while the answer streams.
    if (this.turn.contextTokens !== undefined) this.turn = { ...this.turn, contextTokens: this.turn.contextTokens + ids.length };
  }

  /** Ends a round: a message cut off mid-content is kept as finished and marked; a half header is dropped. */
  endRound(): void {
    const p = this.parser;
    if (!p) return;
    const cutOff = p.state.state === 'Content';
    if (cutOff) p.processEos();
    this.committed.push(...p.messages);
    this.warnings.push(...p.warnings);
    if (cutOff) this.turn = { ...this.turn, interruptedMessage: this.committed.length - 1 };
    this.parser = null;
  }

  /** The last finished message and its index (after endRound: the message that made a call). */
  lastMessage(): { message: Message; index: number } | undefined {
    const m = this.committed.at(-1);
    return m && { message: m, index: this.committed.length - 1 };
  }

  appendMessage(m: Message): void {
    this.committed.push(m);
  }

  warn(text: string): void {
    this.warnings.push(text);
  }

  addToolRun(run: ToolRun): number {
    this.tools = [...this.tools, run];
    return this.tools.length - 1;
  }

  updateToolRun(index: number, patch: Partial<ToolRun>): void {
    this.tools = this.tools.map((r, i) => (i === index ? { ...r, ...patch } : r));
  }

  finish(patch: Pick<AssistantTurn, 'status' | 'stopReason'> & Partial<AssistantTurn>): AssistantTurn {
    this.endRound();
    this.turn = { ...this.turn, ...patch, endedAt: this.clock() };
    return this.snapshot();
  }

  snapshot(): AssistantTurn {
    const p = this.parser;
    const turn: AssistantTurn = {
      ...this.turn,
      messages: p ? [...this.committed, ...p.messages] : [...this.committed],
      tools: this.tools,
      warnings: p ? [...this.warnings, ...p.warnings] : [...this.warnings],
    };
    if (this.turn.promptIds !== undefined) turn.completionIds = [...this.completion];
    delete turn.streaming;
    const state = p?.state;
    if (state?.state === 'Content') {
      const h = state.header;
      turn.streaming = { text: p!.currentContent, ...(h.channel !== undefined ? { channel: h.channel } : {}), ...(h.recipient !== undefined ? { recipient: h.recipient } : {}), ...(h.contentType !== undefined ? { contentType: h.contentType } : {}) };
    }
    return turn;
  }
}
