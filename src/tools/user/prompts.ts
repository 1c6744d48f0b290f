// Questions a tool call puts to the person, as data the store can hold and the card can render: "may this
// tool run?" (approval) and "what is the result?" (ask-me tools). The agent loop awaits the answer; the UI
// answers by id. A stopped turn cancels its questions.
import type { ApprovalAnswer } from './approval';

export interface PendingToolPrompt {
  id: string;
  kind: 'approval' | 'answer';
  /** The tool's name as the model called it (without namespace). */
  tool: string;
  /** The arguments as the model wrote them (the card pretty-prints JSON). */
  argsText: string;
  createdAt: number;
}

export type PromptReply<K extends PendingToolPrompt['kind']> = K extends 'approval' ? ApprovalAnswer : { kind: 'result'; text: string } | { kind: 'decline' };

type Waiter = { resolve: (value: never) => void; reject: (e: unknown) => void };

export class ToolPrompts {
  private items: PendingToolPrompt[] = [];
  private readonly waiters = new Map<string, Waiter>();
  private readonly listeners = new Set<(pending: readonly PendingToolPrompt[]) => void>();
  private next = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** What is waiting for the person, oldest first (a new array after every change). */
  get pending(): readonly PendingToolPrompt[] {
    return this.items;
  }

  subscribe(listener: (pending: readonly PendingToolPrompt[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ask and wait. Rejects with an AbortError-named error when `signal` aborts first. */
  ask<K extends PendingToolPrompt['kind']>(kind: K, tool: string, argsText: string, signal?: AbortSignal): Promise<PromptReply<K>> {
    const id = `prompt-${++this.next}`;
    return new Promise<PromptReply<K>>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      this.waiters.set(id, { resolve: resolve as (v: never) => void, reject });
      signal?.addEventListener('abort', () => this.settle(id, (w) => w.reject(abortError())), { once: true });
      this.change([...this.items, { id, kind, tool, argsText, createdAt: this.now() }]);
    });
  }

  /** The person's reply; false when the prompt is gone (answered, or its turn stopped). */
  reply<K extends PendingToolPrompt['kind']>(id: string, value: PromptReply<K>): boolean {
    return this.settle(id, (w) => w.resolve(value as never));
  }

  private settle(id: string, how: (w: Waiter) => void): boolean {
    const w = this.waiters.get(id);
    if (!w) return false;
    this.waiters.delete(id);
    this.change(this.items.filter((p) => p.id !== id));
    how(w);
    return true;
  }

  private change(items: PendingToolPrompt[]): void {
    this.items = items;
    for (const l of this.listeners) l(items);
  }
}

function abortError(): Error {
  const e = new Error('The turn was stopped before the question was answered.');
  e.name = 'AbortError';
  return e;
}
