// The demo conversation flow shared by the browser test and its Node check: prompt ids for a user question
// on the demo model's fixed prelude, and the tool-result continuation (Harmony-rendered, exact ids).
import { message, toolResultMessage } from '../src/harmony/builders';
import { SPECIAL } from '../src/harmony/encoding';
import { renderConversationForCompletion, renderMessage } from '../src/harmony/render';
import { prelude } from '../scripts/demo-model/prelude';

export const STOPS = [SPECIAL.return, SPECIAL.call];

export function questionPrompt(question: string): number[] {
  return renderConversationForCompletion([...prelude('low'), message('user', question)], 'assistant');
}

/** The ids to append after a `<|call|>`: the tool's result message, then `<|start|>assistant`. */
export function toolResultSuffix(tool: string, output: string): number[] {
  return [...renderMessage(toolResultMessage(tool, output)), SPECIAL.start, 173781];
}
