// The chat store with the real agent runtime, a fake engine replaying Harmony id streams, and in-memory settings.
import { describe, expect, test } from 'vitest';
import { EngineError, FIXES } from '../engine/protocol';
import { message } from '../harmony/builders';
import { findModel } from '../models/manifest';
import { renderPrompt } from '../chat/prompt';
import * as runtime from '../chat/runtime';
import { completionIds } from '../chat/testing/scripted-engine';
import { branchInfo } from '../chat/tree';
import { analysis, callTool, final, finalText, path, reply, setupChat as setup, TODAY, turnOf } from './testing/chat-setup';

const DEMO = findModel('overtone-tiny-demo')!;

describe('chat store', () => {
  test('send: loads the runtime and the model, streams the turn into the tree, ends idle with the context meter', async () => {
    const { chat, get, engine } = setup([reply(analysis('Greet.'), final('Hello! How can I help you today?'))]);
    const phases: string[] = [];
    chat.subscribe((s, prev) => s.phase !== prev.phase && phases.push(s.phase));
    const streamed: string[] = [];
    chat.subscribe((s) => s.busy && path(s).length === 2 && streamed.push(turnOf(s).status));

    expect(get().runtimeReady).toBe(false);
    await get().send('Hello!');
    expect(phases).toEqual(['preparing', 'loading-model', 'generating', 'idle']);
    expect(streamed.length).toBeGreaterThan(5);
    expect(engine.loads).toHaveLength(1);
    const s = get();
    expect(s.conversation.title).toBe('Hello!');
    expect(path(s).map((n) => n.role)).toEqual(['user', 'assistant']);
    expect(turnOf(s)).toMatchObject({ status: 'done', modelId: DEMO.id, effort: 'medium' });
    expect(finalText(s)).toBe('Hello! How can I help you today?');
    expect(s).toMatchObject({ busy: false, phase: 'idle', activeNodeId: null, runtimeReady: true });
    // The demo model's trained prelude + the user's text, with the settings' effort and a per-turn seed.
    const prompt = runtime.preludeMessages(DEMO, { effort: 'medium', instructions: '', enabledTools: [], today: TODAY });
    expect(engine.scripted.requests[0]!.tokens).toEqual(renderPrompt([...prompt, message('user', 'Hello!')]));
    expect(engine.scripted.requests[0]!.sampling.seed).toBe(7);
    expect(prompt).toHaveLength(2);
    expect(s.context).toEqual({ used: runtime.contextTokens(DEMO, { effort: 'medium', instructions: '', enabledTools: [], today: TODAY }, path(s)), limit: DEMO.contextLength });
  });

  test('a calculator turn: the tool runs and the card data is in the turn', async () => {
    const { get } = setup([reply(analysis('Use the calculator.'), callTool('calculator', { expression: '17 * 23' })), reply(final('17 * 23 = 391.'))]);
    await get().send('What is 17 * 23?');
    expect(turnOf(get()).tools).toEqual([expect.objectContaining({ tool: 'calculator', title: 'Calculator', status: 'ok', output: '391' })]);
    expect(finalText(get())).toBe('17 * 23 = 391.');
  });

  test('busy: a second send and empty text are ignored', async () => {
    const { get } = setup([reply(final('One.'))]);
    const first = get().send('First');
    expect(get().busy).toBe(true);
    await get().send('Second');
    await get().send('   ');
    await first;
    expect(path(get()).filter((n) => n.role === 'user')).toHaveLength(1);
  });

  test('stop mid-stream keeps the partial answer, marked stopped', async () => {
    const { chat, get } = setup([{ ...reply(final('A long answer that will be cut off somewhere in the middle.')), hang: true }]);
    chat.subscribe((s) => {
      const t = s.busy && path(s).length === 2 ? turnOf(s) : undefined;
      if (t?.streaming && t.streaming.text.length > 8) s.stop();
    });
    await get().send('Tell me a story');
    const t = turnOf(get());
    expect(t).toMatchObject({ status: 'stopped', stopReason: 'abort', interruptedMessage: 0 });
    expect('A long answer that will be cut off somewhere in the middle.'.startsWith(finalText(get()))).toBe(true);
    expect(get().busy).toBe(false);
  });

  test('stop while the model loads ends the turn at once; the load goes on', async () => {
    const { chat, get, engine, engineStore } = setup([]);
    let release!: () => void;
    engine.loadGate = new Promise((r) => (release = r));
    chat.subscribe((s) => s.phase === 'loading-model' && s.stop());
    await get().send('Hi');
    expect(turnOf(get())).toMatchObject({ status: 'stopped', stopReason: 'abort' });
    expect(engineStore.getState().status).toBe('loading');
    release();
    await engineStore.getState().ensureLoaded(DEMO.id);
    expect(engineStore.getState().status).toBe('ready');
  });

  test('regenerate branches the answer; switchBranch shows the first again', async () => {
    const { get } = setup([reply(final('First answer.')), reply(final('Second answer.'))]);
    await get().send('Hi');
    const firstId = path(get())[1]!.id;
    await get().regenerate();
    expect(finalText(get())).toBe('Second answer.');
    const secondId = path(get())[1]!.id;
    expect(branchInfo(get().conversation, secondId)).toEqual({ index: 1, count: 2 });
    get().switchBranch(secondId, 0);
    expect(path(get())[1]!.id).toBe(firstId);
    expect(finalText(get())).toBe('First answer.');
  });

  test('editAndResend branches the user message and answers it; the old branch stays', async () => {
    const { get } = setup([reply(final('About cats.')), reply(final('About dogs.'))]);
    await get().send('Tell me about cats');
    const oldUser = path(get())[0]!.id;
    await get().editAndResend(oldUser, 'Tell me about dogs');
    expect(path(get()).map((n) => (n.role === 'user' ? n.text : ''))).toEqual(['Tell me about dogs', '']);
    expect(finalText(get())).toBe('About dogs.');
    get().switchBranch(path(get())[0]!.id, 0);
    expect(finalText(get())).toBe('About cats.');
  });

  test("the second turn is rendered without the first turn's analysis", async () => {
    const { get, engine } = setup([reply(analysis('SECRET plan.'), final('Hi!')), reply(final('Bye!'))]);
    await get().send('Hello');
    await get().send('Bye');
    const second = engine.scripted.requests[1]!.tokens;
    const first = engine.scripted.requests[0]!.tokens;
    const thinking = completionIds([analysis('SECRET plan.')]).slice(0, -1);
    const hasRun = (ids: number[], run: number[]) => ids.some((_, i) => run.every((id, j) => ids[i + j] === id));
    expect(hasRun(second, thinking.slice(3))).toBe(false);
    expect(second.slice(0, first.length)).toEqual(first);
  });

  test('an engine crash mid-turn keeps the conversation and shows the typed error; retry reloads the model and answers in place', async () => {
    const crash = new EngineError('worker-crashed', 'The inference worker crashed: simulated', FIXES['worker-crashed']);
    const { get, engine, engineStore } = setup([{ ...reply(analysis('Thinking about it.'), final('Lost.')), fail: { after: 4, error: crash } }, reply(final('Recovered answer.'))]);
    await get().send('Hi');
    const failed = turnOf(get());
    expect(failed).toMatchObject({ status: 'error', error: { code: 'worker-crashed', fix: FIXES['worker-crashed'] } });
    expect(failed.messages).toHaveLength(1);
    expect(path(get())[0]).toMatchObject({ role: 'user', text: 'Hi' });
    expect(engineStore.getState().status).toBe('idle'); // the restarted engine has no model
    const nodeId = path(get())[1]!.id;
    await get().retry();
    expect(engine.loads).toHaveLength(2);
    expect(path(get())[1]!.id).toBe(nodeId);
    expect(branchInfo(get().conversation, nodeId).count).toBe(1);
    expect(turnOf(get())).toMatchObject({ status: 'done' });
    expect(turnOf(get()).error).toBeUndefined();
    expect(finalText(get())).toBe('Recovered answer.');
  });

  test("a failed model load becomes the turn's error; retry after it works", async () => {
    const { get, engine } = setup([reply(final('Loaded now.'))]);
    engine.failNextLoad = new EngineError('download', 'model.onnx_data: HTTP 503', FIXES.download);
    await get().send('Hi');
    expect(turnOf(get())).toMatchObject({ status: 'error', error: { code: 'download', message: 'model.onnx_data: HTTP 503', fix: FIXES.download } });
    await get().retry();
    expect(finalText(get())).toBe('Loaded now.');
  });

  test('the composer works before the runtime arrives: send waits for it; preload fills the context meter', async () => {
    let arrive!: () => void;
    const gate = new Promise<void>((r) => (arrive = r));
    const { get } = setup([reply(final('Here.'))], { loadRuntime: () => gate.then(() => runtime) });
    const sent = get().send('Early question');
    await new Promise((r) => setTimeout(r, 10));
    expect(get()).toMatchObject({ phase: 'preparing', busy: true, runtimeReady: false });
    expect(path(get()).map((n) => n.role)).toEqual(['user', 'assistant']);
    arrive();
    await sent;
    expect(finalText(get())).toBe('Here.');

    const fresh = setup([]);
    expect(fresh.get().context).toBeNull();
    await fresh.get().preload();
    const prelude = runtime.contextTokens(DEMO, { effort: 'medium', instructions: '', enabledTools: [], today: TODAY }, []);
    expect(fresh.get().context).toEqual({ used: prelude, limit: DEMO.contextLength });
    fresh.settings.getState().setModelId('gpt-oss-20b');
    expect(fresh.get().context!.limit).toBe(131_072);
  });

  test('newChat starts an empty conversation', async () => {
    const { get } = setup([reply(final('Hi.'))]);
    await get().send('Hello');
    const old = get().conversation.id;
    get().newChat();
    expect(get().conversation.id).not.toBe(old);
    expect(path(get())).toEqual([]);
    expect(get().conversation.title).toBe('');
  });
});
