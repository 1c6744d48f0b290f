// The token inspector's model of one assistant turn (issue 9 §5): every prompt and completion token with its
// id, a safe display text (special tokens by name, bytes that are not whole UTF-8 characters as hex), the
// Harmony message it belongs to (role, channel, for colouring), per-message counts, copy as text or ids, and,
// when the completion breaks the format, where the strict parser stopped and why. Pure; it imports the
// tokenizer tables, so load it lazily.
import { decodeLossy, isSpecialToken, SPECIAL, specialTokenText, tokenBytes } from '../harmony/encoding';
import { parseHeaderTolerant } from '../harmony/header';
import { StreamParser } from '../harmony/parser';
import { HarmonyError, type Role } from '../harmony/types';
import { isValidUtf8 } from '../harmony/utf8';

export type TokenPart = 'prompt' | 'completion';

export interface InspectedToken {
  /** Position in the whole sequence (prompt, then completion). */
  index: number;
  /** Position within its part: the completion's token index is what parse errors refer to. */
  partIndex: number;
  part: TokenPart;
  id: number;
  /** What to show: the token's text, a special token's name, or `⟨e2 80⟩` for bytes that are not whole characters. */
  text: string;
  special: boolean;
  /** The token's bytes are part of a UTF-8 character split across tokens (shown as hex). */
  partial: boolean;
  /** An id outside the tokenizer's vocabulary. */
  unknown: boolean;
  /** Index into `messages`; -1 for tokens outside any message. */
  message: number;
  /** Between `<|start|>` and `<|message|>`. */
  header: boolean;
}

export interface InspectedMessage {
  index: number;
  role: Role;
  name?: string;
  channel?: string;
  recipient?: string;
  /** First and one past the last token index (whole sequence). */
  start: number;
  end: number;
  tokenCount: number;
  /** Which parts its tokens come from (the last prompt message continues into the completion). */
  parts: TokenPart[];
}

export interface ParseFailure {
  /** Index into the completion of the token the strict parser refused (= its length: at the end). */
  tokenIndex: number;
  message: string;
}

export interface Inspection {
  tokens: InspectedToken[];
  messages: InspectedMessage[];
  promptCount: number;
  completionCount: number;
  parseError?: ParseFailure;
}

const STOPS = new Set<number>([SPECIAL.end, SPECIAL.call, SPECIAL.return]);
const hex = (b: Uint8Array): string => `⟨${[...b].map((x) => x.toString(16).padStart(2, '0')).join(' ')}⟩`;

function display(id: number): Pick<InspectedToken, 'text' | 'special' | 'partial' | 'unknown'> {
  if (isSpecialToken(id)) return { text: specialTokenText(id)!, special: true, partial: false, unknown: false };
  const bytes = tokenBytes(id);
  if (!bytes) return { text: `⟨unknown id ${id}⟩`, special: false, partial: false, unknown: true };
  if (isValidUtf8(bytes)) return { text: new TextDecoder().decode(bytes), special: false, partial: false, unknown: false };
  return { text: hex(bytes), special: false, partial: true, unknown: false };
}

/** The strict reference parser over the completion (which starts after `<|start|>assistant`). */
export function strictParseFailure(completionIds: readonly number[], role: Role = 'assistant'): ParseFailure | undefined {
  const parser = new StreamParser({ role, strict: true });
  let i = 0;
  try {
    for (; i < completionIds.length; i++) parser.process(completionIds[i]!);
    parser.processEos();
  } catch (e) {
    if (e instanceof HarmonyError) return { tokenIndex: i, message: e.message };
    throw e;
  }
  return undefined;
}

export function inspectTurn(promptIds: readonly number[], completionIds: readonly number[] = []): Inspection {
  const ids = [...promptIds, ...completionIds];
  const tokens: InspectedToken[] = [];
  const messages: InspectedMessage[] = [];
  let current: { msg: InspectedMessage; headerIds: number[]; inHeader: boolean } | undefined;

  const closeHeader = () => {
    if (!current || !current.inHeader) return;
    current.inHeader = false;
    const text = decodeLossy(current.headerIds.filter((id) => tokenBytes(id) !== undefined));
    const { header } = parseHeaderTolerant(text, null);
    const m = current.msg;
    m.role = header.role;
    if (header.name !== undefined) m.name = header.name;
    if (header.channel !== undefined) m.channel = header.channel;
    if (header.recipient !== undefined) m.recipient = header.recipient;
  };

  ids.forEach((id, index) => {
    const part: TokenPart = index < promptIds.length ? 'prompt' : 'completion';
    if (id === SPECIAL.start) {
      closeHeader();
      const msg: InspectedMessage = { index: messages.length, role: 'assistant', start: index, end: index, tokenCount: 0, parts: [] };
      messages.push(msg);
      current = { msg, headerIds: [], inHeader: true };
    }
    const inHeader = current?.inHeader === true && id !== SPECIAL.start;
    if (current?.inHeader && id === SPECIAL.message) closeHeader();
    else if (inHeader) current!.headerIds.push(id);
    const msg = current?.msg;
    tokens.push({ index, partIndex: part === 'prompt' ? index : index - promptIds.length, part, id, ...display(id), message: msg ? msg.index : -1, header: inHeader && id !== SPECIAL.message });
    if (msg) {
      msg.end = index + 1;
      msg.tokenCount++;
      if (!msg.parts.includes(part)) msg.parts.push(part);
    }
    if (STOPS.has(id) && current) {
      closeHeader();
      current = undefined;
    }
  });
  closeHeader(); // a header cut off by the end (the prompt's trailing `<|start|>assistant`)

  const out: Inspection = { tokens, messages, promptCount: promptIds.length, completionCount: completionIds.length };
  const failure = completionIds.length > 0 ? strictParseFailure(completionIds) : undefined;
  if (failure) out.parseError = failure;
  return out;
}

/** The tokens as Harmony text (special tokens written out, split characters joined back, unknown ids marked). */
export function tokensAsText(ids: readonly number[]): string {
  let out = '';
  let run: number[] = [];
  for (const id of ids) {
    if (tokenBytes(id) !== undefined) {
      run.push(id);
      continue;
    }
    out += decodeLossy(run) + `⟨unknown id ${id}⟩`;
    run = [];
  }
  return out + decodeLossy(run);
}

/** The ids, comma-separated, ready to paste into the playground or a script. */
export function tokensAsIds(ids: readonly number[]): string {
  return ids.join(', ');
}
