// Chat errors: one shape (code + message + one fix sentence); the engine's fixes plus the chat's own.
import { FIXES, type EngineErrorCode } from '../engine/protocol';
import type { ChatError, ChatErrorCode } from './types';

const CHAT_FIXES: Record<Exclude<ChatErrorCode, EngineErrorCode>, string> = {
  'tool-args': 'The model wrote arguments the tool cannot take; it was told why and may correct itself, or press Regenerate.',
  'tool-unknown': 'The model asked for a tool that is not available; it was told which tools exist, or press Regenerate.',
  'tool-timeout': 'The tool took too long and was stopped; the model was told, so try again or rephrase the question.',
  'tool-failed': 'The tool reported an error to the model; check the arguments on the card or rephrase the question.',
  'tool-limit': 'The model kept calling tools without answering; ask more specifically or press Regenerate.',
  'harmony-parse': 'The model broke the chat format; what it wrote is kept, press Regenerate for a clean answer.',
  'context-full': "The conversation no longer fits the model's context; start a new chat or edit an earlier message.",
  'storage-quota':
    'Free space for this site (delete old conversations or cached models in Settings, or clear site data in the browser), then reload; until then nothing new is saved.',
  'storage-unavailable': 'Open Overtone in a normal (not private) window and allow site data for it; until then conversations last only until the tab closes.',
  'import-invalid': 'Choose a file exported by Overtone (Export → JSON) and not edited since; nothing was imported.',
  'tool-denied': 'Allow the call next time, or set the tool to run automatically.',
  'tool-invalid': "Fix the tool's definition in Settings (name, description, JSON Schema parameters) and save it again.",
};

export function fixFor(code: ChatErrorCode): string {
  return code in CHAT_FIXES ? CHAT_FIXES[code as keyof typeof CHAT_FIXES] : FIXES[code as EngineErrorCode];
}

export function chatError(code: ChatErrorCode, message: string): ChatError {
  return { code, message, fix: fixFor(code) };
}
