// The chat in fixed states (welcome while loading, a finished conversation, a reply streaming), for looking at
// the UI without a model: `npm start`, then /gallery.html?state=chat. Dev server only, not in the build.
import { useState } from 'react';
import type { ReasoningEffort } from '../../harmony/types';
import { ChatLayout } from '../ChatLayout';
import type { BackendChoice } from '../ModelPicker';
import { CONVERSATION, MODEL_ENTRIES, STREAMING_CONVERSATION } from './fixtures';

export type GalleryState = 'welcome' | 'chat' | 'streaming';

export function GalleryApp({ state }: { state: GalleryState }) {
  const [effort, setEffort] = useState<ReasoningEffort>('medium');
  const [backend, setBackend] = useState<BackendChoice>('auto');
  const [selected, setSelected] = useState('overtone-tiny-demo');
  const items = state === 'welcome' ? [] : state === 'chat' ? CONVERSATION : STREAMING_CONVERSATION;
  const loading = state === 'welcome';
  const log = (what: string) => (...args: unknown[]) => console.log(what, ...args);
  return (
    <ChatLayout
      items={items}
      busy={state === 'streaming'}
      canSend={!loading}
      sendDisabledReason={loading ? 'Loading the model… you can type meanwhile.' : undefined}
      effort={effort}
      onEffortChange={setEffort}
      onSend={log('send')}
      onStop={log('stop')}
      onNewChat={log('new chat')}
      onRegenerate={log('regenerate')}
      onRetry={log('retry')}
      onBranchChange={log('branch')}
      model={{
        models: MODEL_ENTRIES,
        selectedId: selected,
        onSelect: setSelected,
        backend,
        onBackendChange: setBackend,
        load: loading ? { status: 'loading', loadedBytes: 12_400_000, totalBytes: 33_598_182 } : { status: 'ready', backend: 'webgpu', dtype: 'q4f16' },
      }}
      context={{ used: state === 'chat' ? 3_800 : 240, total: 4_096 }}
    />
  );
}
