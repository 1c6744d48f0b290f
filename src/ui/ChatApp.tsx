// The chat wired to the app's stores: reads state with selectors, passes plain props to ChatLayout, and
// turns its callbacks into store actions. The only component that knows the stores exist.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { loadIfBuiltin, type AppStores } from '../store/app-stores';
import { ChatLayout } from './ChatLayout';
import { chatItems, loadState, modelEntries } from './chat-props';

export function ChatApp({ stores }: { stores: AppStores }) {
  const conversation = useStore(stores.chat, (s) => s.conversation);
  const busy = useStore(stores.chat, (s) => s.busy);
  const context = useStore(stores.chat, (s) => s.context);
  const effort = useStore(stores.settings, (s) => s.effort);
  const backend = useStore(stores.settings, (s) => s.backend);
  const analysisOpen = useStore(stores.settings, (s) => s.analysisOpen);
  const selectedId = useStore(stores.settings, (s) => s.modelId);
  const engine = useStore(stores.engine);
  const chat = stores.chat.getState();
  const settings = stores.settings.getState();
  // Stable callbacks, so rows of the conversation that did not change skip re-rendering while a reply streams.
  const actions = useMemo(
    () => ({
      onSend: (text: string) => void stores.chat.getState().send(text),
      onRegenerate: () => void stores.chat.getState().regenerate(),
      onRetry: () => void stores.chat.getState().retry(),
    }),
    [stores],
  );

  const items = useMemo(() => chatItems(conversation), [conversation]);
  const models = useMemo(() => modelEntries(engine), [engine.models, engine.availability]); // eslint-disable-line react-hooks/exhaustive-deps
  const available = engine.availability[selectedId];

  return (
    <ChatLayout
      items={items}
      busy={busy}
      canSend={available?.ok !== false}
      {...(available?.ok === false ? { sendDisabledReason: `${available.reason.message} ${available.reason.fix}` } : {})}
      effort={effort}
      onEffortChange={settings.setEffort}
      onSend={actions.onSend}
      onStop={chat.stop}
      onNewChat={chat.newChat}
      onRegenerate={actions.onRegenerate}
      onRetry={actions.onRetry}
      onBranchChange={chat.switchBranch}
      analysisOpen={analysisOpen}
      onAnalysisOpenChange={settings.setAnalysisOpen}
      model={{
        models,
        selectedId,
        onSelect: (id) => {
          settings.setModelId(id);
          loadIfBuiltin(stores, id);
        },
        backend,
        onBackendChange: (b) => {
          settings.setBackend(b);
          loadIfBuiltin(stores, selectedId);
        },
        load: loadState(engine, selectedId),
        onLoad: () => void stores.engine.getState().load(selectedId).catch(() => {}),
      }}
      {...(context ? { context: { used: context.used, total: context.limit } } : {})}
    />
  );
}
