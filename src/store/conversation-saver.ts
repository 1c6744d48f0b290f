// How the chat store writes conversations: a change the person made (a message sent, a branch switched, a
// rename) is saved at once; a reply being streamed is saved write-behind (at most every 250 ms or 32 tokens,
// src/storage/write-behind.ts), and flush() saves whatever is pending (turn end, page hiding). Only the
// newest version of each conversation is written; saves never overlap.
import type { Conversation } from '../chat/types';
import type { ConversationRepository } from '../storage/repository';
import { createWriteBehind } from '../storage/write-behind';

export interface ConversationSaver {
  /** Save this version as soon as possible. */
  save(conversation: Conversation): void;
  /** A reply in this conversation grew by `tokens`: save write-behind. */
  stream(conversation: Conversation, tokens: number): void;
  /** Save everything pending now and wait for it. */
  flush(): Promise<void>;
}

export function createConversationSaver(repo: Promise<Pick<ConversationRepository, 'putMany'>>, onError: (e: unknown) => void): ConversationSaver {
  const dirty = new Map<string, Conversation>();
  const writer = createWriteBehind({
    save: async () => {
      const r = await repo;
      const batch = [...dirty.values()];
      dirty.clear();
      if (batch.length === 0) return;
      try {
        await r.putMany(batch);
      } catch (e) {
        for (const c of batch) if (!dirty.has(c.id)) dirty.set(c.id, c); // kept for the next try
        throw e;
      }
    },
    onError,
  });
  return {
    save(conversation) {
      dirty.set(conversation.id, conversation);
      void writer.flush();
    },
    stream(conversation, tokens) {
      dirty.set(conversation.id, conversation);
      writer.tokens(Math.max(1, tokens));
    },
    flush: () => writer.flush(),
  };
}
