// The demo model's fixed prelude (system + developer), exactly what the app sends for overtone-tiny-demo:
// reasoning effort, conversation date 2026-01-15, the two demo tools, no instructions. Training data, the
// held-out evaluation and the browser flow all start from it.
import { developerMessage, newDeveloperContent, newSystemContent, systemMessage } from '../../src/harmony/builders';
import type { Message, ReasoningEffort } from '../../src/harmony/types';
import { DEMO_TOOLS } from '../../src/tools/demo-tools';

export const CONVERSATION_DATE = '2026-01-15';
export const EFFORTS: readonly ReasoningEffort[] = ['low', 'medium', 'high'];

export function prelude(effort: ReasoningEffort): Message[] {
  return [
    systemMessage(newSystemContent({ reasoningEffort: effort, conversationStartDate: CONVERSATION_DATE })),
    developerMessage(newDeveloperContent({ functionTools: [...DEMO_TOOLS] })),
  ];
}
