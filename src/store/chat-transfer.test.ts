// Export and import through the chat store: JSON export -> import into another store -> export gives the same
// bytes; Harmony text starts with the prelude; a bad file changes nothing and leaves a typed notice.
import { describe, expect, test } from 'vitest';
import { MAX_IMPORT_BYTES } from '../chat/transfer/format';
import type { ChatState } from './chat';
import { final, finalText, reply, setupChat } from './testing/chat-setup';

const ready = async (get: () => ChatState) => {
  for (let i = 0; i < 500 && !get().storage.ready; i++) await new Promise((r) => setTimeout(r, 2));
};

describe('export and import', () => {
  test('JSON round trip is byte-identical; Harmony text is what the model reads', async () => {
    const a = setupChat([reply(final('First.')), reply(final('Second.'))]);
    await ready(a.get);
    await a.get().send('One');
    await a.get().regenerate(); // a branch travels too
    const id = a.get().conversation.id;
    const file = (await a.get().exportConversations(id, 'json'))!;
    expect(file).toMatchObject({ fileName: 'One.overtone.json', mimeType: 'application/json' });

    const b = setupChat([], { idPrefix: 'b' });
    await ready(b.get);
    expect(await b.get().importFile(new Blob([file.text]))).toBe(1);
    expect(b.get().conversation.id).toBe(id);
    expect(finalText(b.get())).toBe('Second.');
    expect(b.get().conversations.map((c) => c.title)).toEqual(['One']);
    expect((await b.get().exportConversations(id, 'json'))!.text).toBe(file.text);
    expect((await b.get().exportConversations('all', 'json'))!.text).toBe(file.text);

    const text = (await a.get().exportConversations(id, 'harmony'))!;
    expect(text.fileName).toBe('One.overtone.txt');
    expect(text.text.startsWith('<|start|>system<|message|>')).toBe(true);
    expect(text.text).toContain('<|start|>user<|message|>One<|end|><|start|>assistant<|channel|>final<|message|>Second.<|end|>');
  });

  test('a damaged, a foreign and an oversized file: nothing changes, the notice says why', async () => {
    const s = setupChat([reply(final('Kept.'))]);
    await ready(s.get);
    await s.get().send('Keep me');
    const before = s.get().conversation;
    const good = (await s.get().exportConversations(before.id, 'json'))!.text;
    const cases: [Blob, RegExp][] = [
      [new Blob([good.slice(0, good.length / 2)]), /not valid JSON/],
      [new Blob([good.replace('"role": "user"', '"role": "wizard"')]), /role/],
      [new Blob([new Uint8Array(MAX_IMPORT_BYTES + 1)]), /up to 20\.0 MB/],
    ];
    for (const [blob, why] of cases) {
      expect(await s.get().importFile(blob)).toBe(0);
      expect(s.get().notice).toMatchObject({ code: 'import-invalid', message: expect.stringMatching(why) });
      expect(s.get().conversations.map((c) => c.id)).toEqual([before.id]);
      expect(s.get().conversation).toBe(before);
      s.get().dismissNotice();
      expect(s.get().notice).toBeNull();
    }
  });
});
