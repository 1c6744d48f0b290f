// A conversation's active branch as rendered Harmony text: exactly the tokens the model reads, special tokens
// written out (`<|start|>user<|message|>…<|end|>`). The system and developer messages are not part of the
// stored conversation (settings make them at send time): pass them as `prefix` to include them.
import { decodeUtf8 } from '../../harmony/encoding';
import { renderConversation } from '../../harmony/render';
import type { Message } from '../../harmony/types';
import { activePath, pathMessages } from '../tree';
import { recoverInterrupted } from '../interrupted';
import type { Conversation } from '../types';

export interface HarmonyTextOptions {
  /** System and developer messages to put first. */
  prefix?: readonly Message[];
  /** Drop earlier turns' analysis as the model's next prompt would (default false: the whole transcript). */
  dropAnalysis?: boolean;
}

export function exportHarmonyText(conversation: Conversation, opts: HarmonyTextOptions = {}): string {
  const messages = [...(opts.prefix ?? []), ...pathMessages(activePath(recoverInterrupted(conversation)))];
  return decodeUtf8(renderConversation(messages, { autoDropAnalysis: opts.dropAnalysis ?? false }));
}
