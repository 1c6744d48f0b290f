// A scripted engine for unit tests: each generate() replays the next scripted completion (token ids built
// with the Harmony renderer), one id per decode step, honouring stop ids, maxTokens and abort like the real
// engine core, and reporting KV reuse the way the real cache would (common prefix with what it last fed).
import { EngineError, type EngineEvent, type GenerateRequest } from '../../engine/protocol';
import { renderConversationForTraining } from '../../harmony/render';
import type { Message } from '../../harmony/types';
import type { GenerateEngine } from '../agent';

export interface Completion {
  ids: number[];
  /** Throw this error after `failAfter` ids (an EngineError as the client throws it). */
  fail?: { after: number; error: EngineError };
  /** After the ids, keep the generation open until it is aborted (a long answer still streaming). */
  hang?: boolean;
}

/** What a model writes after `<|start|>assistant`: the messages, the last ending in <|return|> or <|call|>. */
export function completionIds(messages: Message[]): number[] {
  const ids = renderConversationForTraining(messages, { autoDropAnalysis: false });
  return ids.slice(2); // `<|start|>` and `assistant` are already in the prompt
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export class ScriptedEngine implements GenerateEngine {
  readonly requests: Omit<GenerateRequest, 'type'>[] = [];
  readonly aborted = new Set<string>();
  /** Ids in the simulated KV cache (prompt + generated, minus the last sampled id, as in EngineCore). */
  cache: number[] = [];
  private n = 0;

  constructor(private readonly script: Completion[]) {}

  generate(req: Omit<GenerateRequest, 'type' | 'requestId'>): { requestId: string; events: AsyncIterable<EngineEvent> } {
    const requestId = `fake${++this.n}`;
    this.requests.push({ ...req, requestId });
    const completion = this.script.shift();
    if (!completion) throw new Error('ScriptedEngine: no completion left in the script');
    return { requestId, events: this.replay(requestId, req, completion) };
  }

  abort(requestId: string): void {
    this.aborted.add(requestId);
  }

  private async *replay(requestId: string, req: Omit<GenerateRequest, 'type' | 'requestId'>, c: Completion): AsyncGenerator<EngineEvent> {
    let keep = 0;
    while (keep < this.cache.length && keep < req.tokens.length - 1 && this.cache[keep] === req.tokens[keep]) keep++;
    const prefill = req.tokens.length - keep;
    yield { type: 'prefill.done', requestId, tokens: prefill, ms: prefill, reusedTokens: keep };
    const out: number[] = [];
    const done = (reason: 'stop' | 'length' | 'abort', stopToken?: number): EngineEvent => {
      this.cache = [...req.tokens, ...out].slice(0, req.tokens.length + Math.max(0, out.length - 1));
      const stats = { prefillTokens: prefill, prefillMs: prefill, decodeTokens: out.length, decodeMs: out.length * 10, reusedTokens: keep };
      return stopToken === undefined ? { type: 'done', requestId, reason, stats } : { type: 'done', requestId, reason, stopToken, stats };
    };
    for (const id of c.ids) {
      await tick();
      if (this.aborted.has(requestId)) return yield done('abort');
      if (c.fail && out.length === c.fail.after) throw c.fail.error;
      out.push(id);
      yield { type: 'tokens', requestId, ids: [id], at: Date.now() };
      if (req.stopTokens.includes(id)) return yield done('stop', id);
      if (out.length >= req.maxTokens) return yield done('length');
    }
    if (c.fail && out.length === c.fail.after) throw c.fail.error;
    while (c.hang && !this.aborted.has(requestId)) await tick();
    yield done(c.hang ? 'abort' : 'length');
  }
}
