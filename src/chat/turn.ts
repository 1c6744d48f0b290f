// A new, empty assistant turn (what the store shows the moment Send is pressed, and the recorder's start).
import type { ReasoningEffort } from '../harmony/types';
import type { AssistantTurn } from './types';

export function newTurn(modelId: string, effort: ReasoningEffort, startedAt: number): AssistantTurn {
  return {
    modelId,
    effort,
    messages: [],
    tools: [],
    status: 'streaming',
    warnings: [],
    stats: { prefillTokens: 0, prefillMs: 0, decodeTokens: 0, decodeMs: 0, reusedTokens: 0, analysisTokens: 0, finalTokens: 0, rounds: 0, roundStats: [] },
    startedAt,
  };
}
