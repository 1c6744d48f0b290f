// Pure mappings from the stores' state to the chat components' props: the conversation's active path as
// chat items (with ‹ 2/3 › positions where a node has siblings), the model picker's entries and the
// load state of the chosen model.
import { activePath, branchInfo } from '../chat/tree';
import type { Conversation } from '../chat/types';
import type { EngineState } from '../store/engine';
import type { ModelLoadState } from './LoadStatus';
import type { ChatItem } from './MessageList';
import type { ModelEntry } from './ModelPicker';

export function chatItems(c: Conversation): ChatItem[] {
  return activePath(c).map((n) => {
    const info = branchInfo(c, n.id);
    const branch = info.count > 1 ? { branch: info } : {};
    return n.role === 'user' ? { kind: 'user', id: n.id, text: n.text, ...branch } : { kind: 'assistant', id: n.id, turn: n.turn, ...branch };
  });
}

export function modelEntries(s: Pick<EngineState, 'models' | 'availability'>): ModelEntry[] {
  return s.models.map((m) => {
    const a = s.availability[m.id];
    return {
      manifest: m,
      ...(a?.ok ? { runtime: a.runtime } : a ? { reason: a.reason } : {}),
      ...(m.examplePrompts ? { examples: m.examplePrompts } : {}),
    };
  });
}

/** Where the chosen model stands; the engine may hold (or be loading) another one. */
export function loadState(s: Pick<EngineState, 'status' | 'modelId' | 'progress' | 'runtime' | 'error' | 'source' | 'download'>, selectedId: string): ModelLoadState {
  if (s.modelId !== selectedId) return { status: 'idle' };
  const runtime = s.runtime ? { backend: s.runtime.device, dtype: s.runtime.dtype } : {};
  const folder = s.source === 'folder' ? { fromFolder: true } : {};
  switch (s.status) {
    case 'loading':
      // A hub download: the download view's figures (all files), not the per-file load events.
      if (s.source === 'hub' && s.download) return { status: 'loading', loadedBytes: s.download.storedBytes, totalBytes: s.download.totalBytes, download: s.download, ...runtime };
      return { status: 'loading', loadedBytes: s.progress?.loaded ?? 0, totalBytes: s.progress?.total ?? 0, ...runtime, ...folder };
    case 'ready':
      return { status: 'ready', ...runtime, ...folder };
    case 'error':
      return s.error ? { status: 'error', error: s.error } : { status: 'error' };
    default:
      return { status: 'idle' };
  }
}

/** Whether a message can be sent now, and why not: the model cannot run here, another tab runs the engine,
 *  or a hub model that only "Load model" downloads. */
export function sendBlock(s: Pick<EngineState, 'models' | 'availability' | 'lock' | 'status' | 'modelId' | 'preflight'>, selectedId: string): { canSend: boolean; reason?: string } {
  const available = s.availability[selectedId];
  if (available?.ok === false) return { canSend: false, reason: `${available.reason.message} ${available.reason.fix}` };
  if (s.lock === 'elsewhere') return { canSend: false, reason: 'Overtone is running the model in another tab; press "Use here" to run it in this one.' };
  const model = s.models.find((m) => m.id === selectedId);
  const stored = s.preflight?.modelId === selectedId && s.preflight.stored === 'complete';
  if (model?.source.kind === 'hub' && s.modelId !== selectedId && !stored) return { canSend: false, reason: `Press "Load model" to download ${model.label} first.` };
  return { canSend: true };
}
