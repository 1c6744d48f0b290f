// The chat wired to the app's stores: reads state with selectors, passes plain props to the sidebar, the
// layout, the cards and the dialogs, and turns their callbacks into store actions. The only component that
// knows the stores exist. Settings, Models and the token inspector are lazy chunks, loaded when opened.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { version as APP_VERSION } from '../../package.json';
import type { PickedFile } from '../engine/protocol';
import { findModel, MODELS } from '../models/manifest';
import { deleteStoredModel, loadIfBuiltin, useHere, type AppStores } from '../store/app-stores';
import { ChatLayout } from './ChatLayout';
import { chatItems, loadState, modelEntries, sendBlock } from './chat-props';
import { ConversationSidebar, type ExportFormat } from './ConversationSidebar';
import { downloadFile } from './download';
import { EngineElsewhere } from './EngineElsewhere';
import { Notices } from './Notices';
import { ToolPromptCard } from './ToolPromptCard';

const SettingsDialog = lazy(() => import('./SettingsDialog'));
const TokenInspector = lazy(() => import('./TokenInspector'));
const ModelsDialog = lazy(() => import('./ModelsDialog'));
const MODEL_LABELS = Object.fromEntries(MODELS.map((m) => [m.id, m.label]));
const SIDEBAR_ID = 'conversations-sidebar';

export function ChatApp({ stores }: { stores: AppStores }) {
  const conversation = useStore(stores.chat, (s) => s.conversation);
  const busy = useStore(stores.chat, (s) => s.busy);
  const context = useStore(stores.chat, (s) => s.context);
  const conversations = useStore(stores.chat, (s) => s.conversations);
  const storage = useStore(stores.chat, (s) => s.storage);
  const notice = useStore(stores.chat, (s) => s.notice);
  const lastDeleted = useStore(stores.chat, (s) => s.lastDeleted);
  const toolPrompts = useStore(stores.chat, (s) => s.toolPrompts);
  const effort = useStore(stores.settings, (s) => s.effort);
  const backend = useStore(stores.settings, (s) => s.backend);
  const analysisOpen = useStore(stores.settings, (s) => s.analysisOpen);
  const selectedId = useStore(stores.settings, (s) => s.modelId);
  const engine = useStore(stores.engine);
  const chat = stores.chat.getState();
  const settings = stores.settings.getState();
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [modelsOpen, setModelsOpen] = useState(false);
  const [inspecting, setInspecting] = useState<string | null>(null);

  // Stable callbacks, so rows of the conversation that did not change skip re-rendering while a reply streams.
  const actions = useMemo(
    () => ({
      onSend: (text: string) => void stores.chat.getState().send(text),
      onRegenerate: (id: string) => void stores.chat.getState().regenerate(id),
      onRetry: () => void stores.chat.getState().retry(),
      onEdit: (id: string, text: string) => void stores.chat.getState().editAndResend(id, text),
      onOpen: (id: string) => {
        setSidebarOpen(false);
        void stores.chat.getState().openConversation(id);
      },
      onExport: (id: string | 'all', format: ExportFormat) =>
        void stores.chat
          .getState()
          .exportConversations(id, format)
          .then((file) => file && downloadFile(file)),
      onImport: (file: File) => void stores.chat.getState().importFile(file),
      onRename: (id: string, title: string) => void stores.chat.getState().renameConversation(id, title),
      onDelete: (id: string) => void stores.chat.getState().deleteConversation(id),
      onCloseSidebar: () => setSidebarOpen(false),
      onLoad: () => void stores.engine.getState().load(stores.settings.getState().modelId).catch(() => {}),
      onLoadFolder: (files: PickedFile[]) => void stores.engine.getState().loadFolder(stores.settings.getState().modelId, files).catch(() => {}),
      onPause: () => stores.engine.getState().pauseDownload(),
      onResume: () => stores.engine.getState().resumeDownload(),
      onCancel: () => stores.engine.getState().cancelDownload(),
      onUseHere: () => void useHere(stores),
    }),
    [stores],
  );
  const loadInspection = useCallback(() => stores.chat.getState().inspectTurn(inspecting ?? ''), [stores, inspecting]);

  const items = useMemo(() => chatItems(conversation), [conversation]);
  const models = useMemo(() => modelEntries(engine), [engine.models, engine.availability]); // eslint-disable-line react-hooks/exhaustive-deps
  const send = sendBlock(engine, selectedId);

  return (
    <div className="app-shell" data-sidebar={sidebarOpen ? 'open' : 'closed'}>
      <ConversationSidebar
        id={SIDEBAR_ID}
        conversations={conversations}
        currentId={conversation.id}
        onOpen={actions.onOpen}
        onRename={actions.onRename}
        onDelete={actions.onDelete}
        onExport={actions.onExport}
        onImport={actions.onImport}
        open={sidebarOpen}
        onClose={actions.onCloseSidebar}
      />
      <ChatLayout
        items={items}
        busy={busy}
        canSend={send.canSend}
        {...(send.reason ? { sendDisabledReason: send.reason } : {})}
        effort={effort}
        onEffortChange={settings.setEffort}
        onSend={actions.onSend}
        onStop={chat.stop}
        onNewChat={() => {
          setSidebarOpen(false);
          chat.newChat();
        }}
        onRegenerate={actions.onRegenerate}
        onRetry={actions.onRetry}
        onBranchChange={chat.switchBranch}
        onEdit={actions.onEdit}
        onInspect={setInspecting}
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
          onLoad: actions.onLoad,
          preflight: engine.preflight,
          persistence: engine.persistence,
          onLoadFolder: actions.onLoadFolder,
          onPause: actions.onPause,
          onResume: actions.onResume,
          onCancel: actions.onCancel,
          engineElsewhere: engine.lock === 'elsewhere',
        }}
        {...(context ? { context: { used: context.used, total: context.limit } } : {})}
        headerStart={
          <button type="button" className="sidebar-toggle" aria-expanded={sidebarOpen} aria-controls={SIDEBAR_ID} onClick={() => setSidebarOpen(!sidebarOpen)}>
            Conversations
          </button>
        }
        headerEnd={
          <>
            <button type="button" onClick={() => setModelsOpen(true)}>
              Models
            </button>
            <button type="button" onClick={() => setSettingsOpen(true)}>
              Settings
            </button>
          </>
        }
        notices={
          <>
            {engine.lock === 'elsewhere' && <EngineElsewhere onUseHere={actions.onUseHere} />}
            <Notices
            {...(storage.error ? { storageError: storage.error } : {})}
            notice={notice}
            onDismissNotice={chat.dismissNotice}
            deleted={lastDeleted}
            onUndoDelete={() => void chat.undoDelete()}
            />
          </>
        }
        pending={
          toolPrompts.length > 0 && (
            <section className="tool-prompts" aria-label="Waiting for you">
              {toolPrompts.map((p) => (
                <ToolPromptCard key={p.id} prompt={p} onAnswer={chat.answerToolPrompt} />
              ))}
            </section>
          )
        }
      />
      <Suspense fallback={null}>
        {settingsOpen && <SettingsPanel stores={stores} onClose={() => setSettingsOpen(false)} />}
        {modelsOpen && <ModelsPanel stores={stores} onClose={() => setModelsOpen(false)} />}
        {inspecting !== null && <TokenInspector load={loadInspection} onClose={() => setInspecting(null)} />}
      </Suspense>
    </div>
  );
}

/** The settings dialog over the settings store (rendered only while open). */
function SettingsPanel({ stores, onClose }: { stores: AppStores; onClose: () => void }) {
  const s = useStore(stores.settings);
  const model = findModel(s.modelId);
  if (!model) return null;
  return (
    <SettingsDialog
      onClose={onClose}
      model={model}
      instructions={s.instructions}
      onInstructionsChange={s.setInstructions}
      sampling={s.sampling}
      onSamplingChange={s.setSampling}
      contextCap={s.contextCap}
      onContextCapChange={s.setContextCap}
      onReset={s.resetSampling}
      disabledTools={s.disabledTools}
      onBuiltinToolChange={s.setToolEnabled}
      userTools={s.userTools}
      onSaveUserTool={s.saveUserTool}
      onRemoveUserTool={s.removeUserTool}
    />
  );
}

/** The Models screen over the stored-models store (rendered only while open; it refreshes on opening). */
function ModelsPanel({ stores, onClose }: { stores: AppStores; onClose: () => void }) {
  const s = useStore(stores.storedModels);
  useEffect(() => void stores.storedModels.getState().refresh(), [stores]);
  // The store's fields (status, models, backend, storage, error, deleting) are the dialog's props by name.
  return <ModelsDialog {...s} onClose={onClose} onDelete={(key) => void deleteStoredModel(stores, key)} appVersion={APP_VERSION} labels={MODEL_LABELS} />;
}
