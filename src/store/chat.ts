// The chat: the current conversation tree and the actions the UI calls. A turn runs in the agent runtime,
// which is loaded with import() on first use or preload() (the tokenizer tables stay out of the first
// paint); the composer works before it arrives: sending waits for it, then for the model.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineApi } from '../engine/api';
import { EngineError, FIXES } from '../engine/protocol';
import type * as AgentRuntime from '../chat/runtime';
import { activePath, appendAssistant, appendUser, branchUser, lastNode, newConversation, replaceTurn, switchBranch } from '../chat/tree';
import { newTurn } from '../chat/turn';
import type { AssistantTurn, ChatError, Conversation } from '../chat/types';
import { findModel } from '../models/manifest';
import type { EngineState } from './engine';
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

export interface ChatState {
  conversation: Conversation;
  busy: boolean;
  phase: ChatPhase;
  /** The assistant node being written, null when idle. */
  activeNodeId: string | null;
  /** The agent runtime (tokenizer) has arrived. */
  runtimeReady: boolean;
  /** null until the runtime is loaded. */
  context: ContextMeter | null;
  send(text: string): Promise<void>;
  stop(): void;
  regenerate(): Promise<void>;
  /** Runs the last turn again in place after an error (reloading the model if the engine restarted). */
  retry(): Promise<void>;
  newChat(): void;
  editAndResend(userNodeId: string, text: string): Promise<void>;
  /** Shows sibling number `index` of `nodeId` (see branchInfo in src/chat/tree.ts for "2 / 3"). */
  switchBranch(nodeId: string, index: number): void;
  /** Loads the agent runtime; call after first paint. */
  preload(): Promise<void>;
}

export interface ChatStoreDeps {
  engine: EngineApi;
  engineStore: StoreApi<EngineState>;
  settings: StoreApi<SettingsState>;
  loadRuntime?: () => Promise<Runtime>;
  clock?: () => number;
  today?: () => Date;
  newId?: () => string;
  /** Sampling seed per turn (regenerate gives another answer). */
  seed?: () => number;
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
  let runtimePromise: Promise<Runtime> | null = null;
  let runtime: Runtime | null = null;
  let current: AbortController | null = null;
  let refresh = (): void => {};

  const store = createStore<ChatState>()((set, get) => {
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

    const promptSettings = (rt: Runtime) => {
      const s = deps.settings.getState();
      return { effort: s.effort, instructions: s.instructions, enabledTools: rt.enabledTools(s.disabledTools), today: today() };
    };

    const refreshContext = (): void => {
      const model = findModel(deps.settings.getState().modelId);
      if (!runtime || !model || get().busy) return;
      set({ context: { used: runtime.contextTokens(model, promptSettings(runtime), activePath(get().conversation)), limit: model.contextLength } });
    };

    refresh = refreshContext;

    async function run(nodeId: string): Promise<void> {
      const stop = new AbortController();
      current = stop;
      const convId = get().conversation.id;
      const { modelId, effort } = deps.settings.getState();
      const model = findModel(modelId);
      let latest: AssistantTurn = newTurn(modelId, effort, clock());
      const write = (turn: AssistantTurn): void => {
        latest = turn;
        if (get().conversation.id !== convId) return; // the user started a new chat meanwhile
        set((s) => ({
          conversation: replaceTurn(s.conversation, nodeId, turn, clock()),
          ...(turn.contextTokens !== undefined && model ? { context: { used: turn.contextTokens, limit: model.contextLength } } : {}),
        }));
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
        const nodes = activePath(get().conversation);
        const path = nodes.slice(0, nodes.findIndex((n) => n.id === nodeId));
        const ps = promptSettings(rt);
        const turn = await rt.runTurn({
          engine: deps.engine,
          model,
          conversation: [...rt.preludeMessages(model, ps), ...rt.pathMessages(path)],
          tools: rt.offeredTools(model, ps.enabledTools),
          effort,
          sampling: { ...model.sampling, seed: seed() },
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
        set({ busy: false, phase: 'idle', activeNodeId: null });
        refreshContext();
      }
    }

    /** Adds a fresh assistant node under `userId` and runs it. */
    function answer(c: Conversation, userId: string): Promise<void> {
      const { modelId, effort } = deps.settings.getState();
      const id = newId();
      set({ conversation: appendAssistant(c, userId, newTurn(modelId, effort, clock()), id, clock()) });
      return run(id);
    }

    return {
      conversation: newConversation(newId(), clock()),
      busy: false,
      phase: 'idle',
      activeNodeId: null,
      runtimeReady: false,
      context: null,

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

      regenerate: async () => {
        const last = lastNode(get().conversation);
        if (get().busy || last.role !== 'assistant') return;
        await answer(get().conversation, last.parentId);
      },

      retry: async () => {
        const last = lastNode(get().conversation);
        if (get().busy || last.role !== 'assistant' || (last.turn.status !== 'error' && last.turn.status !== 'interrupted')) return;
        const { modelId, effort } = deps.settings.getState();
        set({ conversation: replaceTurn(get().conversation, last.id, newTurn(modelId, effort, clock()), clock()) });
        await run(last.id);
      },

      newChat: () => {
        current?.abort();
        set({ conversation: newConversation(newId(), clock()) });
        refreshContext();
      },

      editAndResend: async (userNodeId, text) => {
        if (get().busy || text.trim() === '') return;
        const userId = newId();
        await answer(branchUser(get().conversation, userNodeId, text, userId, clock()), userId);
      },

      switchBranch: (nodeId, index) => {
        if (get().busy) return;
        set({ conversation: switchBranch(get().conversation, nodeId, index) });
        refreshContext();
      },

      preload: async () => {
        await ensureRuntime();
        refreshContext();
      },
    };
  });

  // The meter follows what changes the prompt: the model, the effort, instructions, tools.
  deps.settings.subscribe((s, prev) => {
    if (s.modelId !== prev.modelId || s.effort !== prev.effort || s.instructions !== prev.instructions || s.disabledTools !== prev.disabledTools) refresh();
  });
  return store;
}
