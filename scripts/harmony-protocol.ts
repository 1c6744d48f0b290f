// The Harmony CLI protocol (issue #2 §3): one JSON request in, one JSON response out. Pure, so it is unit
// tested without a process; scripts/harmony-cli.ts only does the line I/O.
import { decodeUtf8, encodeOrdinary } from '../src/harmony/encoding';
import { messageFromJson, messageToJson, type JsonMessage } from '../src/harmony/json';
import { StreamParser, parseMessagesFromCompletionTokens } from '../src/harmony/parser';
import {
  renderConversation,
  renderConversationForCompletion,
  renderConversationForTraining,
} from '../src/harmony/render';
import { HarmonyError, ROLES, type Message, type Role } from '../src/harmony/types';

type Obj = Record<string, unknown>;
export type Response = Obj;

interface Step {
  current_role: string | null;
  current_channel: string | null;
  current_recipient: string | null;
  current_content_type: string | null;
  last_content_delta: string | null;
}

function bad(what: string): never {
  throw new HarmonyError(what);
}

function field<T>(o: Obj, key: string, check: (v: unknown) => v is T, what: string, fallback: T): T {
  const v = o[key];
  if (v === undefined) return fallback;
  if (!check(v)) bad(`"${key}" must be ${what}`);
  return v;
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isStr = (v: unknown): v is string => typeof v === 'string';
const isRoleOrNull = (v: unknown): v is Role | null => v === null || (ROLES as readonly unknown[]).includes(v);

function tokensOf(o: Obj): number[] {
  const t = o.tokens;
  if (!Array.isArray(t)) bad('"tokens" must be an array of integers');
  for (const id of t) if (!Number.isSafeInteger(id)) bad(`"tokens" must be an array of integers (got ${JSON.stringify(id)})`);
  return t as number[];
}

const out = (ms: readonly Message[]): JsonMessage[] => ms.map((m) => messageToJson(m));

function render(o: Obj): Response {
  if (!Array.isArray(o.messages)) bad('"messages" must be an array');
  const messages = o.messages.map((m, i) => messageFromJson(m, `messages[${i}]`));
  const mode = field(o, 'mode', isStr, '"conversation", "completion" or "training"', 'conversation');
  const nextRole = field(o, 'next_role', isRoleOrNull, 'a role', 'assistant') ?? 'assistant';
  const config = { autoDropAnalysis: field(o, 'auto_drop_analysis', isBool, 'a boolean', true) };
  switch (mode) {
    case 'conversation':
      return { tokens: renderConversation(messages, config) };
    case 'completion':
      return { tokens: renderConversationForCompletion(messages, nextRole, config) };
    case 'training':
      return { tokens: renderConversationForTraining(messages, config) };
    default:
      return bad(`unknown mode ${JSON.stringify(mode)} (expected conversation, completion or training)`);
  }
}

function parserOptions(o: Obj): { role: Role | null; strict: boolean } {
  return {
    role: field(o, 'role', isRoleOrNull, 'a role or null', null),
    strict: field(o, 'strict', isBool, 'a boolean', true),
  };
}

function stream(o: Obj): Response {
  const tokens = tokensOf(o);
  const parser = new StreamParser(parserOptions(o));
  const steps: Step[] = [];
  for (const id of tokens) {
    try {
      parser.process(id);
    } catch (e) {
      return { steps, error: errorText(e) };
    }
    steps.push({
      current_role: parser.currentRole,
      current_channel: parser.currentChannel,
      current_recipient: parser.currentRecipient,
      current_content_type: parser.currentContentType,
      last_content_delta: parser.lastContentDelta,
    });
  }
  return { steps, messages: out(parser.messages) };
}

export function handleRequest(request: unknown): Response {
  try {
    if (typeof request !== 'object' || request === null || Array.isArray(request)) bad('request must be a JSON object');
    const o = request as Obj;
    switch (o.op) {
      case 'render':
        return render(o);
      case 'parse': {
        const { role, strict } = parserOptions(o);
        return { messages: out(parseMessagesFromCompletionTokens(tokensOf(o), role, { strict })) };
      }
      case 'stream':
        return stream(o);
      case 'encode':
        if (typeof o.text !== 'string') bad('"text" must be a string');
        return { tokens: encodeOrdinary(o.text) };
      case 'decode':
        return { text: decodeUtf8(tokensOf(o)) };
      default:
        return bad(`unknown op ${JSON.stringify(o.op)} (expected render, parse, stream, encode or decode)`);
    }
  } catch (e) {
    return { error: errorText(e) };
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One input line -> one output line (without newline). Blank lines get no answer (see docs/harmony-cli.md). */
export function handleLine(line: string): string | null {
  if (line.trim() === '') return null;
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (e) {
    return JSON.stringify({ error: `invalid JSON: ${errorText(e)}` });
  }
  return JSON.stringify(handleRequest(request));
}
