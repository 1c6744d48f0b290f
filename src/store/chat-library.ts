// The chat store's conversation library: the list the sidebar shows, opening, renaming, deleting with undo,
// export and import, and the token inspector's data. Storage, the export code and the inspector (which need
// the Harmony runtime) arrive by import() when first used, so the first paint loads none of them.
import type { Inspection } from '../chat/inspector';
import { newConversation } from '../chat/tree';
import type { ChatError, Conversation } from '../chat/types';
import type { Message } from '../harmony/types';
import { renameConversation } from '../storage/conversation-list';
import { byUpdatedDesc, summaryOf, UNDO_WINDOW_MS, type ConversationRepository, type ConversationSummary } from '../storage/repository';
import type { StorageStatus } from '../storage/resilient-repository';
import type { ConversationSaver } from './conversation-saver';

/** What the store needs from storage; the app's is src/storage/open-storage.ts's ResilientRepository. */
export type StorageRepo = ConversationRepository & { readonly status?: StorageStatus; subscribe?(listener: (s: StorageStatus) => void): () => void };

export interface StorageState {
  /** The stored list has been read (the most recent conversation is open). */
  ready: boolean;
  /** False when conversations last only until the tab closes. */
  persistent: boolean;
  /** Why not (storage-quota / storage-unavailable): the banner's text and fix. */
  error?: ChatError;
}

/** A file for the person to download (the UI makes the Blob URL). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/** The token inspector's view of one turn, and its ids ready to copy. */
export interface TurnInspection {
  inspection: Inspection;
  /** Prompt and completion as Harmony text. */
  text: string;
  /** Prompt and completion ids, comma-separated. */
  ids: string;
}

export interface LibraryState {
  /** Live conversations, most recent first (without the tree). */
  conversations: ConversationSummary[];
  storage: StorageState;
  /** The conversation just deleted, while Undo can bring it back. */
  lastDeleted: { id: string; title: string } | null;
  /** An export/import/storage problem to show until dismissed. */
  notice: ChatError | null;
  openConversation(id: string): Promise<void>;
  renameConversation(id: string, title: string): Promise<void>;
  deleteConversation(id: string): Promise<void>;
  undoDelete(): Promise<void>;
  /** One conversation (by id) or all of them, as the JSON export or as Harmony text. */
  exportConversations(which: string | 'all', format: 'json' | 'harmony'): Promise<ExportedFile | null>;
  /** Imports an export file: all or nothing; on failure `notice` says why. Resolves to how many were imported. */
  importFile(file: Blob): Promise<number>;
  /** The inspector's data for an assistant turn that recorded its ids (null otherwise). */
  inspectTurn(nodeId: string): Promise<TurnInspection | null>;
  dismissNotice(): void;
  /** Saves whatever is pending (the page is hiding). */
  flush(): Promise<void>;
}

export interface LibraryContext {
  get(): { conversation: Conversation; busy: boolean } & Pick<LibraryState, 'conversations' | 'lastDeleted'>;
  set(patch: Partial<LibraryState> | { conversation: Conversation }): void;
  repo: Promise<StorageRepo>;
  saver: ConversationSaver;
  clock: () => number;
  newId: () => string;
  /** Stops the reply being written, if any. */
  stopReply(): void;
  /** Shows a conversation (and updates the context meter). */
  show(c: Conversation): void;
  /** The system and developer messages the model would read now (for the Harmony text export). */
  prelude(): Promise<Message[]>;
}

export const isEmpty = (c: Conversation): boolean => (c.nodes.root?.children.length ?? 0) === 0;

/** The list with this conversation's summary in its place (an empty chat is not listed). */
export function withSummary(list: readonly ConversationSummary[], c: Conversation): ConversationSummary[] {
  const rest = list.filter((s) => s.id !== c.id);
  return isEmpty(c) ? rest : [...rest, summaryOf(c)].sort(byUpdatedDesc);
}

function asError(e: unknown, code: ChatError['code'], fallbackFix: string): ChatError {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e && 'fix' in e) {
    const x = e as ChatError;
    return { code: x.code, message: x.message, fix: x.fix };
  }
  return { code, message: e instanceof Error ? e.message : String(e), fix: fallbackFix };
}

export function libraryActions(ctx: LibraryContext): Omit<LibraryState, 'conversations' | 'storage' | 'lastDeleted' | 'notice'> {
  let undoTimer: ReturnType<typeof setTimeout> | undefined;

  const refreshList = async (): Promise<void> => {
    const list = await (await ctx.repo).list();
    const current = ctx.get().conversation;
    ctx.set({ conversations: withSummary(list, current) });
  };

  const open = async (id: string): Promise<Conversation | undefined> => {
    await ctx.saver.flush();
    return (await ctx.repo).get(id);
  };

  return {
    async openConversation(id) {
      if (ctx.get().conversation.id === id) return;
      ctx.stopReply();
      const c = await open(id);
      if (c) ctx.show(c);
      else await refreshList();
    },

    async renameConversation(id, title) {
      const now = ctx.clock();
      const current = ctx.get().conversation;
      if (current.id === id) {
        const renamed = renameConversation(current, title, now);
        if (renamed === current) return;
        ctx.set({ conversation: renamed });
        ctx.saver.save(renamed);
        ctx.set({ conversations: withSummary(ctx.get().conversations, renamed) });
        return;
      }
      const c = await open(id);
      if (!c) return;
      const renamed = renameConversation(c, title, now);
      if (renamed === c) return;
      await (await ctx.repo).put(renamed);
      ctx.set({ conversations: withSummary(ctx.get().conversations, renamed) });
    },

    async deleteConversation(id) {
      const s = ctx.get();
      const title = s.conversations.find((c) => c.id === id)?.title ?? (s.conversation.id === id ? s.conversation.title : '');
      if (s.conversation.id === id) ctx.stopReply();
      await ctx.saver.flush();
      const repo = await ctx.repo;
      await repo.remove(id, ctx.clock());
      const rest = ctx.get().conversations.filter((c) => c.id !== id);
      ctx.set({ conversations: rest, lastDeleted: { id, title } });
      if (ctx.get().conversation.id === id) {
        const next = rest[0] ? await repo.get(rest[0].id) : undefined;
        ctx.show(next ?? newConversation(ctx.newId(), ctx.clock()));
      }
      clearTimeout(undoTimer);
      // Past the undo window the next start-up purges it; the toast goes with it.
      undoTimer = setTimeout(() => ctx.get().lastDeleted?.id === id && ctx.set({ lastDeleted: null }), UNDO_WINDOW_MS);
    },

    async undoDelete() {
      const deleted = ctx.get().lastDeleted;
      if (!deleted) return;
      clearTimeout(undoTimer);
      ctx.set({ lastDeleted: null });
      if (await (await ctx.repo).restore(deleted.id)) await refreshList();
    },

    async exportConversations(which, format) {
      try {
        await ctx.saver.flush();
        const repo = await ctx.repo;
        const current = ctx.get().conversation;
        const list = which === 'all' ? await repo.all() : [which === current.id ? current : await repo.get(which)].filter((c): c is Conversation => c !== undefined);
        if (which === 'all' && !isEmpty(current) && !list.some((c) => c.id === current.id)) list.unshift(current);
        if (list.length === 0) return null;
        if (format === 'json') {
          const { exportJson, exportFileName } = await import('../chat/transfer/export-json');
          return { fileName: exportFileName(list, 'json'), mimeType: 'application/json', text: exportJson(list) };
        }
        const [{ exportHarmonyText }, { exportFileName }, prefix] = await Promise.all([import('../chat/transfer/export-text'), import('../chat/transfer/export-json'), ctx.prelude()]);
        return { fileName: exportFileName(list, 'txt'), mimeType: 'text/plain', text: list.map((c) => exportHarmonyText(c, { prefix })).join('\n\n') };
      } catch (e) {
        ctx.set({ notice: asError(e, 'inference-failed', 'Try the export again; if it keeps failing, reload the page.') });
        return null;
      }
    },

    async importFile(file) {
      try {
        await ctx.saver.flush();
        const { importIntoRepository } = await import('../storage/import-into');
        const imported = await importIntoRepository(await ctx.repo, file, ctx.newId);
        ctx.set({ notice: null });
        await refreshList();
        const first = imported[0];
        if (first && !ctx.get().busy) {
          const c = await (await ctx.repo).get(first.id);
          if (c) ctx.show(c);
        }
        return imported.length;
      } catch (e) {
        ctx.set({ notice: asError(e, 'import-invalid', 'Choose a file exported by Overtone (Export → JSON); nothing was imported.') });
        return 0;
      }
    },

    async inspectTurn(nodeId) {
      const n = ctx.get().conversation.nodes[nodeId];
      if (n?.role !== 'assistant' || n.turn.promptIds === undefined) return null;
      const { inspectTurn, tokensAsIds, tokensAsText } = await import('../chat/inspector');
      const prompt = n.turn.promptIds;
      const completion = n.turn.completionIds ?? [];
      const all = [...prompt, ...completion];
      return { inspection: inspectTurn(prompt, completion), text: tokensAsText(all), ids: tokensAsIds(all) };
    },

    dismissNotice: () => ctx.set({ notice: null }),
    flush: () => ctx.saver.flush(),
  };
}
