// The chat: the current conversation tree and the actions the UI calls. A turn runs in the agent runtime,
// which is loaded with import() on first use or preload() (the tokenizer tables stay out of the first
// paint); the composer works before it arrives: sending waits for it, then for the model. Conversations live
// in the repository (chat-library.ts: list, open, rename, delete, export, import): every change is saved,
// a streaming reply write-behind; the most recent conversation opens at start.
import type { StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineApi } from '../engine/api';
import { EngineError, FIXES } from '../engine/protocol';
import type * as AgentRuntime from '../chat/runtime';
import { activePath, appendAssistant, appendUser, branchUser, lastNode, newConversation, replaceTurn, switchBranch } from '../chat/tree';
import { chatError } from '../chat/errors';
import { newTurn } from '../chat/turn';
import type { AssistantTurn, ChatError, Conversation } from '../chat/types';
import { findModel, type ModelManifest } from '../models/manifest';
import { MemoryRepository } from '../storage/memory-repository';
import { ToolPrompts, type PendingToolPrompt, type PromptReply } from '../tools/user/prompts';
import { isEmpty, libraryActions, withSummary, type LibraryState, type StorageRepo } from './chat-library';
import { createConversationSaver } from './conversation-saver';
import { safeLocalStorage } from './safe-storage';
import { takeRescue, writeRescue } from './unload-rescue';
import type { EngineState } from './engine';
import { cappedModel, effectiveSampling } from './generation-settings';
import type { SettingsState } from './settings';

export type Runtime = typeof AgentRuntime;
/** preparing: waiting for the agent runtime; loading-model: waiting for the engine; generating: the turn runs. */
export type ChatPhase = 'idle' | 'preparing' | 'loading-model' | 'generating';

export interface ContextMeter {
  /** Exact tokens of the rendered conversation (while generating: everything the model holds so far). */
  used: number;
  /** The model's context length. */
  limit: number;
}

export interface ChatState extends LibraryState {
  conversation: Conversation;
  busy: boolean;
  phase: ChatPhase;
  /** The assistant node being written, null when idle. */
  activeNodeId: string | null;
  /** The agent runtime (tokenizer) has arrived. */
  runtimeReady: boolean;
  /** null until the runtime is loaded. */
  context: ContextMeter | null;
  /** Tool calls waiting for the person: approvals and "ask me" questions, oldest first. */
  toolPrompts: readonly PendingToolPrompt[];
  send(text: string): Promise<void>;
  stop(): void;
  /** A new answer to the user message above `assistantId` (default: the last reply), kept as a sibling branch. */
  regenerate(assistantId?: string): Promise<void>;
  /** Runs the last turn again in place after an error or an interruption (reloading the model if the engine restarted). */
  retry(): Promise<void>;
  newChat(): void;
  editAndResend(userNodeId: string, text: string): Promise<void>;
  /** Shows sibling number `index` of `nodeId` (see branchInfo in src/chat/tree.ts for "2 / 3"). */
  switchBranch(nodeId: string, index: number): void;
  /** Loads the agent runtime; call after first paint. */
  preload(): Promise<void>;
  /** The person's reply to a pending tool prompt. */
  answerToolPrompt<K extends PendingToolPrompt['kind']>(id: string, reply: PromptReply<K>): void;
}

export interface ChatStoreDeps {
  engine: EngineApi;
  engineStore: StoreApi<EngineState>;
  settings: StoreApi<SettingsState>;
  loadRuntime?: () => Promise<Runtime>;
  clock?: () => number;
  today?: () => Date;
  newId?: () => string;
  /** Sampling seed per turn unless the settings fix one (regenerate gives another answer). */
  seed?: () => number;
  /** Where conversations are kept (default: memory). The app passes openStorage(). */
  storage?: Promise<StorageRepo>;
  /** Synchronous storage for the reply being written when the page hides (default: localStorage, guarded). */
  rescue?: StateStorage;
}

const STOPPED = Symbol('stopped');
/** Waits for `p` unless the user stops first (the load itself goes on; the engine store tracks it). */
function unlessStopped<T>(p: Promise<T>, signal: AbortSignal): Promise<T | typeof STOPPED> {
  if (signal.aborted) return Promise.resolve(STOPPED);
  return new Promise((resolve, reject) => {
    const onStop = (): void => resolve(STOPPED);
    signal.addEventListener('abort', onStop, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onStop));
  });
}

const makeId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

function asChatError(e: unknown): ChatError {
  if (e instanceof EngineError) return e.toInfo();
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e && 'fix' in e) return e as ChatError;
  return { code: 'inference-failed', message: `The turn failed: ${e instanceof Error ? e.message : String(e)}`, fix: FIXES['inference-failed'] };
}

export function createChatStore(deps: ChatStoreDeps): StoreApi<ChatState> {
  const clock = deps.clock ?? Date.now;
  const today = deps.today ?? (() => new Date());
  const newId = deps.newId ?? makeId;
  const seed = deps.seed ?? (() => Math.floor(Math.random() * 2 ** 31));
  const loadRuntime = deps.loadRuntime ?? (() => import('../chat/runtime'));
  const repo: Promise<StorageRepo> = (deps.storage ?? Promise.resolve(new MemoryRepository())).catch(() => new MemoryRepository());
  const prompts = new ToolPrompts(clock);
  const rescue = deps.rescue ?? safeLocalStorage();
  /** The conversation whose reply is being written (what the page-hide rescue copies). */
  let streaming: Conversation | null = null;
  let runtimePromise: Promise<Runtime> | null = null;
  let runtime: Runtime | null = null;
  let current: AbortController | null = null;
  let refresh = (): void => {};

  const store = createStore<ChatState>()((set, get) => {
    const saver = createConversationSaver(repo, (e) => set({ notice: chatError('storage-unavailable', `A conversation could not be saved: ${e instanceof Error ? e.message : String(e)}`) }));

    const ensureRuntime = (): Promise<Runtime> =>
      (runtimePromise ??= loadRuntime().then(
        (rt) => {
          runtime = rt;
          set({ runtimeReady: true });
          return rt;
        },
        (e: unknown) => {
          runtimePromise = null;
          throw new EngineError('download', `The chat runtime could not be loaded: ${e instanceof Error ? e.message : String(e)}`, FIXES.download);
        },
      ));

    /** The model as the settings shape it (context cap), or undefined for an unknown id. */
    const currentModel = (): ModelManifest | undefined => {
      const m = findModel(deps.settings.getState().modelId);
      return m && cappedModel(m, deps.settings.getState().contextCap);
    };

    const promptSetup = (rt: Runtime) => {
      const s = deps.settings.getState();
      const tools = rt.toolSetup(s.disabledTools, s.userTools, { prompts, onApprovalChange: (id, mode) => deps.settings.getState().setUserToolApproval(id, mode) });
      return { settings: { effort: s.effort, instructions: s.instructions, enabledTools: tools.enabled, today: today() }, registry: tools.registry };
    };

    const refreshContext = (): void => {
      const model = currentModel();
      if (!runtime || !model || get().busy) return;
      const { settings, registry } = promptSetup(runtime);
      set({ context: { used: runtime.contextTokens(model, settings, activePath(get().conversation), registry), limit: model.contextLength } });
    };

    refresh = refreshContext;

    /** Shows a conversation and saves it (every change the person makes goes through here). */
    const commit = (c: Conversation): void => {
      set({ conversation: c, conversations: withSummary(get().conversations, c) });
      if (!isEmpty(c)) saver.save(c);
    };

    async function run(nodeId: string): Promise<void> {
      const stop = new AbortController();
      current = stop;
      const { modelId, effort, sampling } = deps.settings.getState();
      const model = currentModel();
      // The conversation being answered: it keeps growing (and being saved) even if the person opens another.
      let working = get().conversation;
      let latest: AssistantTurn = newTurn(modelId, effort, clock());
      let idsSeen = 0;
      const write = (turn: AssistantTurn): void => {
        latest = turn;
        const shown = get().conversation.id === working.id;
        working = replaceTurn(shown ? get().conversation : working, nodeId, turn, clock());
        streaming = working;
        const ids = turn.completionIds?.length ?? 0;
        saver.stream(working, ids - idsSeen);
        idsSeen = ids;
        if (!shown) return;
        set({
          conversation: working,
          ...(turn.contextTokens !== undefined && model ? { context: { used: turn.contextTokens, limit: model.contextLength } } : {}),
        });
      };
      const end = (patch: Partial<AssistantTurn>): void => write({ ...latest, ...patch, endedAt: clock() });
      set({ busy: true, phase: 'preparing', activeNodeId: nodeId });
      try {
        const rt = await unlessStopped(ensureRuntime(), stop.signal);
        if (rt === STOPPED) return end({ status: 'stopped', stopReason: 'abort' });
        if (!model) throw new EngineError('bad-request', `There is no model "${modelId}".`, FIXES['bad-request']);
        set({ phase: 'loading-model' });
        if ((await unlessStopped(deps.engineStore.getState().ensureLoaded(modelId), stop.signal)) === STOPPED) return end({ status: 'stopped', stopReason: 'abort' });
        set({ phase: 'generating' });
        const nodes = activePath(working);
        const path = nodes.slice(0, nodes.findIndex((n) => n.id === nodeId));
        const { settings: ps, registry } = promptSetup(rt);
        const turn = await rt.runTurn({
          engine: deps.engine,
          model,
          conversation: [...rt.preludeMessages(model, ps, registry), ...rt.pathMessages(path)],
          tools: rt.offeredTools(model, ps.enabledTools, registry),
          effort,
          sampling: effectiveSampling(model, sampling, seed),
          ...(sampling.maxTokens !== undefined ? { maxTokens: sampling.maxTokens } : {}),
          signal: stop.signal,
          onUpdate: write,
          startedAt: latest.startedAt,
          clock,
        });
        write(turn);
        if (turn.status === 'error') deps.engineStore.getState().checkEngine();
      } catch (e) {
        end({ status: 'error', stopReason: 'error', error: asChatError(e) });
      } finally {
        if (current === stop) current = null;
        if (streaming === working) streaming = null;
        saver.save(working);
        // Its new summary, unless the person deleted it meanwhile (then it stays off the list).
        const listed = get().conversation.id === working.id || get().conversations.some((c) => c.id === working.id);
        set({ busy: false, phase: 'idle', activeNodeId: null, ...(listed ? { conversations: withSummary(get().conversations, working) } : {}) });
        refreshContext();
      }
    }

    /** Adds a fresh assistant node under `userId` and runs it. */
    function answer(c: Conversation, userId: string): Promise<void> {
      const { modelId, effort } = deps.settings.getState();
      const id = newId();
      commit(appendAssistant(c, userId, newTurn(modelId, effort, clock()), id, clock()));
      return run(id);
    }

    const show = (c: Conversation): void => {
      set({ conversation: c });
      refreshContext();
    };

    const library = libraryActions({
      get,
      set,
      repo,
      saver,
      clock,
      newId,
      stopReply: () => current?.abort(),
      show,
      prelude: async () => {
        const rt = await ensureRuntime();
        const model = currentModel();
        if (!model) return [];
        const { settings, registry } = promptSetup(rt);
        return rt.preludeMessages(model, settings, registry);
      },
    });

    return {
      conversation: newConversation(newId(), clock()),
      busy: false,
      phase: 'idle',
      activeNodeId: null,
      runtimeReady: false,
      context: null,
      toolPrompts: [],
      conversations: [],
      storage: { ready: false, persistent: false },
      lastDeleted: null,
      notice: null,

      ...library,
      flush: () => {
        // Synchronously first: the asynchronous save below may not finish before the page is gone.
        if (streaming) writeRescue(rescue, streaming);
        return library.flush();
      },

      send: async (text) => {
        if (get().busy || text.trim() === '') return;
        const c = get().conversation;
        const last = lastNode(c);
        const userId = newId();
        // A path never ends on a user message; if a loaded one does, the new text replaces it as a branch.
        const next = last.role === 'user' ? branchUser(c, last.id, text, userId, clock()) : appendUser(c, last.id, text, userId, clock());
        await answer(next, userId);
      },

      stop: () => current?.abort(),

      regenerate: async (assistantId) => {
        const c = get().conversation;
        const target = assistantId === undefined ? lastNode(c) : c.nodes[assistantId];
        if (get().busy || target?.role !== 'assistant') return;
        await answer(c, target.parentId);
      },

      retry: async () => {
        const last = lastNode(get().conversation);
        if (get().busy || last.role !== 'assistant' || (last.turn.status !== 'error' && last.turn.status !== 'interrupted')) return;
        const { modelId, effort } = deps.settings.getState();
        commit(replaceTurn(get().conversation, last.id, newTurn(modelId, effort, clock()), clock()));
        await run(last.id);
      },

      newChat: () => {
        current?.abort();
        show(newConversation(newId(), clock()));
      },

      editAndResend: async (userNodeId, text) => {
        if (get().busy || text.trim() === '') return;
        const userId = newId();
        await answer(branchUser(get().conversation, userNodeId, text, userId, clock()), userId);
      },

      switchBranch: (nodeId, index) => {
        if (get().busy) return;
        const next = switchBranch(get().conversation, nodeId, index);
        if (next === get().conversation) return;
        commit(next);
        refreshContext();
      },

      preload: async () => {
        await ensureRuntime();
        refreshContext();
      },

      answerToolPrompt: (id, reply) => {
        prompts.reply(id, reply);
      },
    };
  });

  prompts.subscribe((pending) => store.setState({ toolPrompts: pending }));
  void openLibrary(store, repo, rescue, refresh);

  // The meter follows what changes the prompt: the model, the effort, instructions, tools, the cap.
  deps.settings.subscribe((s, prev) => {
    if (
      s.modelId !== prev.modelId ||
      s.effort !== prev.effort ||
      s.instructions !== prev.instructions ||
      s.disabledTools !== prev.disabledTools ||
      s.userTools !== prev.userTools ||
      s.contextCap !== prev.contextCap
    )
      refresh();
  });
  return store;
}

/** At start: a reply rescued as the page hid, the stored list, and the most recent conversation unless the
 *  person already began one, or chose one (New chat, a conversation opened) while storage was opening. */
async function openLibrary(store: StoreApi<ChatState>, repo: Promise<StorageRepo>, rescue: StateStorage, refresh: () => void): Promise<void> {
  const startId = store.getState().conversation.id;
  const untouched = (s: ChatState): boolean => s.conversation.id === startId && isEmpty(s.conversation) && !s.busy;
  const r = await repo;
  const status = (): ChatState['storage'] => ({ ready: true, persistent: r.persistent, ...(r.status?.error ? { error: r.status.error } : {}) });
  r.subscribe?.(() => store.setState({ storage: status() }));
  try {
    const rescued = takeRescue(rescue);
    if (rescued && rescued.updatedAt > ((await r.get(rescued.id))?.updatedAt ?? -Infinity)) await r.put(rescued);
    const list = await r.list();
    const s = store.getState();
    const recent = list[0] && untouched(s) ? await r.get(list[0].id) : undefined;
    if (recent && untouched(store.getState())) store.setState({ conversation: recent });
    const shown = store.getState().conversation;
    store.setState({ conversations: withSummary(list, shown), storage: status() });
  } catch (e) {
    store.setState({ storage: { ...status(), persistent: false }, notice: asChatError(e) });
  }
  refresh();
}
