// The chat store over a repository: every change saved, a streaming reply saved write-behind, the most recent
// conversation back at start (an interrupted reply with its tokens, Retry works), storage failures as a
// typed status while the chat goes on in memory, and the sidebar's list, rename, delete with undo.
import { describe, expect, test } from 'vitest';
import type { Conversation } from '../chat/types';
import { MemoryRepository } from '../storage/memory-repository';
import { openStorage } from '../storage/open-storage';
import { ResilientRepository } from '../storage/resilient-repository';
import { StorageError } from '../storage/storage-error';
import type { ChatState } from './chat';
import { final, finalText, memoryStorage, path, reply, setupChat, turnOf } from './testing/chat-setup';
import { RESCUE_KEY, writeRescue } from './unload-rescue';

/** A memory repository that counts writes. */
class CountingRepository extends MemoryRepository {
  writes = 0;
  override async putMany(cs: readonly Conversation[]): Promise<void> {
    this.writes++;
    return super.putMany(cs);
  }
}

/** A database whose writes can stop landing (the page is going away): they never finish and store nothing. */
class FreezableRepository extends MemoryRepository {
  frozen = false;
  override putMany(cs: readonly Conversation[]): Promise<void> {
    return this.frozen ? new Promise(() => {}) : super.putMany(cs);
  }
}

/** A "database" that fills up: writes fail with a quota error, as IndexedDB's do. */
class FullRepository extends MemoryRepository {
  override readonly persistent = true as unknown as false;
  override async putMany(): Promise<void> {
    throw new StorageError('storage-quota', 'QuotaExceededError', 'Free space.');
  }
}

const until = async (check: () => boolean, ms = 5_000): Promise<void> => {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const ready = (get: () => ChatState) => until(() => get().storage.ready);
const LONG = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

describe('chat store persistence', () => {
  test('a finished conversation is saved and opens again in a new store (a reload), listed by title', async () => {
    const repo = new CountingRepository();
    const a = setupChat([reply(final('Hello there!'))], { storage: Promise.resolve(repo) });
    await ready(a.get);
    await a.get().send('Hi, who are you?');
    await a.get().flush();
    const b = setupChat([], { storage: Promise.resolve(repo), idPrefix: 'b' });
    await ready(b.get);
    expect(b.get().conversation.id).toBe(a.get().conversation.id);
    expect(finalText(b.get())).toBe('Hello there!');
    expect(b.get().conversations.map((c) => c.title)).toEqual(['Hi, who are you?']);
  });

  test('New chat clicked while storage is still opening stays a new chat (the most recent one is not forced back)', async () => {
    const repo = new MemoryRepository();
    const a = setupChat([reply(final('Hello there!'))], { storage: Promise.resolve(repo) });
    await ready(a.get);
    await a.get().send('Hi, who are you?');
    await a.get().flush();

    let open!: () => void;
    const slow = new Promise<MemoryRepository>((r) => (open = () => r(repo)));
    const b = setupChat([], { storage: slow, idPrefix: 'b' });
    b.get().newChat();
    const chosen = b.get().conversation.id;
    open();
    await ready(b.get);
    expect(b.get().conversation.id).toBe(chosen);
    expect(b.get().conversation.id).not.toBe(a.get().conversation.id);
    expect(b.get().conversations.map((c) => c.title)).toEqual(['Hi, who are you?']);

    // Untouched, the same start opens the most recent conversation.
    const c = setupChat([], { storage: Promise.resolve(repo), idPrefix: 'c' });
    await ready(c.get);
    expect(c.get().conversation.id).toBe(a.get().conversation.id);
  });

  test('a reply streaming when the page dies comes back interrupted with every saved token; writes are batched; Retry answers in place', async () => {
    const repo = new CountingRepository();
    const a = setupChat([{ ids: reply(final(LONG)).ids.slice(0, -1), hang: true }], { storage: Promise.resolve(repo) }); // no <|return|>: still writing
    await ready(a.get);
    const sent = a.get().send('Count for me');
    await until(() => turnOf(a.get()).streaming?.text === LONG);
    const tokens = turnOf(a.get()).completionIds!.length;
    await new Promise((r) => setTimeout(r, 400)); // past the write-behind delay, no flush
    expect(repo.writes).toBeLessThan(tokens / 4);

    // The "reload": a second store over the same storage while the first still streams.
    const b = setupChat([reply(final('Done counting.'))], { storage: Promise.resolve(repo), idPrefix: 'b' });
    await ready(b.get);
    const back = turnOf(b.get());
    expect(back.status).toBe('interrupted');
    expect(back.messages.at(-1)).toMatchObject({ channel: 'final', content: [{ type: 'text', text: LONG }] });
    expect(back.completionIds).toHaveLength(tokens);
    a.get().stop();
    await sent;

    const nodeId = path(b.get()).at(-1)!.id;
    await b.get().retry();
    expect(path(b.get()).at(-1)!.id).toBe(nodeId);
    expect(finalText(b.get())).toBe('Done counting.');
  });

  test('the page hides mid-reply before any write lands: the synchronous rescue copy is put back at the next start', async () => {
    const repo = new FreezableRepository();
    const rescue = memoryStorage();
    const a = setupChat([{ ids: reply(final(LONG)).ids.slice(0, -1), hang: true }], { storage: Promise.resolve(repo), rescue });
    await ready(a.get);
    repo.frozen = true; // from here on nothing reaches the database
    const sent = a.get().send('Count for me');
    await until(() => turnOf(a.get()).streaming?.text === LONG);
    void a.get().flush(); // pagehide
    repo.frozen = false;

    const b = setupChat([], { storage: Promise.resolve(repo), rescue, idPrefix: 'b' });
    await ready(b.get);
    expect(turnOf(b.get())).toMatchObject({ status: 'interrupted', messages: [{ channel: 'final', content: [{ type: 'text', text: LONG }] }] });
    expect(rescue.getItem(RESCUE_KEY)).toBeNull();
    a.get().stop();
    await sent;
  });

  test('an older rescue copy never replaces a newer saved conversation', async () => {
    const repo = new MemoryRepository();
    const rescue = memoryStorage();
    const a = setupChat([reply(final('Final answer.'))], { storage: Promise.resolve(repo), rescue });
    await ready(a.get);
    await a.get().send('Hello');
    await a.get().flush();
    const stale = { ...a.get().conversation, updatedAt: a.get().conversation.updatedAt - 1, title: 'Stale' };
    writeRescue(rescue, stale);
    const b = setupChat([], { storage: Promise.resolve(repo), rescue, idPrefix: 'b' });
    await ready(b.get);
    expect(b.get().conversation.title).toBe('Hello');
    expect(finalText(b.get())).toBe('Final answer.');
  });

  test('no IndexedDB: a typed storage-unavailable status, and the chat works in memory', async () => {
    const s = setupChat([reply(final('Still here.'))], { storage: openStorage({ indexedDB: null }) });
    await ready(s.get);
    expect(s.get().storage).toMatchObject({ ready: true, persistent: false, error: { code: 'storage-unavailable' } });
    expect(s.get().storage.error!.fix).toMatch(/private/);
    await s.get().send('Hi');
    expect(finalText(s.get())).toBe('Still here.');
    expect(s.get().conversations).toHaveLength(1);
  });

  test('a full disk mid-chat: storage-quota status, conversations carry on in memory', async () => {
    const s = setupChat([reply(final('One.')), reply(final('Two.'))], { storage: Promise.resolve(new ResilientRepository(new FullRepository())) });
    await ready(s.get);
    expect(s.get().storage.error).toBeUndefined();
    await s.get().send('First');
    await s.get().flush();
    expect(s.get().storage).toMatchObject({ persistent: false, error: { code: 'storage-quota' } });
    await s.get().send('Second');
    expect(finalText(s.get())).toBe('Two.');
    s.get().newChat();
    await s.get().openConversation(s.get().conversations[0]!.id);
    expect(finalText(s.get())).toBe('Two.');
  });
});

describe('the conversation list', () => {
  const threeChats = async () => {
    let t = 1_000;
    const s = setupChat([reply(final('A.')), reply(final('B.')), reply(final('C.'))], { clock: () => t });
    await ready(s.get);
    for (const q of ['Apples', 'Bananas', 'Cherries']) {
      s.get().newChat();
      await s.get().send(q);
      t += 10;
    }
    return s;
  };

  test('most recent first; open, rename', async () => {
    const s = await threeChats();
    expect(s.get().conversations.map((c) => c.title)).toEqual(['Cherries', 'Bananas', 'Apples']);
    const apples = s.get().conversations[2]!;
    await s.get().openConversation(apples.id);
    expect(finalText(s.get())).toBe('A.');
    await s.get().renameConversation(apples.id, '  Fruit   notes ');
    expect(s.get().conversation.title).toBe('Fruit notes');
    const bananas = s.get().conversations.find((c) => c.title === 'Bananas')!;
    await s.get().renameConversation(bananas.id, 'Yellow');
    expect(s.get().conversations.map((c) => c.title).sort()).toEqual(['Cherries', 'Fruit notes', 'Yellow']);
    await s.get().renameConversation(bananas.id, '   '); // empty keeps the title
    expect(s.get().conversations.some((c) => c.title === 'Yellow')).toBe(true);
  });

  test('delete the open conversation: the next one opens; Undo brings it back', async () => {
    const s = await threeChats();
    const cherries = s.get().conversation;
    expect(cherries.title).toBe('Cherries');
    await s.get().deleteConversation(cherries.id);
    expect(s.get().conversations.map((c) => c.title)).toEqual(['Bananas', 'Apples']);
    expect(s.get().lastDeleted).toEqual({ id: cherries.id, title: 'Cherries' });
    expect(s.get().conversation.title).toBe('Bananas');
    await s.get().undoDelete();
    expect(s.get().lastDeleted).toBeNull();
    expect(s.get().conversations.map((c) => c.title)).toEqual(['Cherries', 'Bananas', 'Apples']);
    await s.get().openConversation(cherries.id);
    expect(finalText(s.get())).toBe('C.');
  });

  test('deleting the conversation whose reply is streaming stops it and keeps it off the list', async () => {
    const s = setupChat([reply(final('Kept.')), { ids: reply(final(LONG)).ids.slice(0, -1), hang: true }]);
    await ready(s.get);
    await s.get().send('Keep me');
    s.get().newChat();
    const sent = s.get().send('Delete me');
    await until(() => (turnOf(s.get()).streaming?.text.length ?? 0) > 10);
    await s.get().deleteConversation(s.get().conversation.id);
    await sent;
    expect(s.get().conversations.map((c) => c.title)).toEqual(['Keep me']);
    expect(finalText(s.get())).toBe('Kept.');
  });

  test('an empty new chat is not listed; deleting the last conversation leaves an empty chat', async () => {
    const s = setupChat([reply(final('Only.'))]);
    await ready(s.get);
    s.get().newChat();
    expect(s.get().conversations).toEqual([]);
    await s.get().send('Solo');
    await s.get().deleteConversation(s.get().conversation.id);
    expect(s.get().conversations).toEqual([]);
    expect(path(s.get())).toEqual([]);
  });
});
