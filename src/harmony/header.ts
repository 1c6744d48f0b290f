// Message-header parsing (HARMONY-SPEC §7.3). The header is only interpreted once `<|message|>` arrives,
// on the decoded header text. `parseHeader` is the byte-compatible reference behaviour; `parseHeaderTolerant`
// never throws and reads the malformed shapes models emit (docs/harmony-tolerant-mode.md).
import { HarmonyError, ROLES, type Role } from './types';

export interface ParsedHeader {
  role: Role;
  name?: string;
  channel?: string;
  recipient?: string;
  contentType?: string;
}

const CHANNEL = '<|channel|>';
const CONSTRAIN = '<|constrain|>';
// Rust's char::is_whitespace is Unicode White_Space: includes U+0085, excludes U+FEFF (unlike JS \s).
const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');
const CHANNEL_VALUE_END = new RegExp(`[${WS}<]`);
// Rust split_ascii_whitespace: space, \t, \n, \f, \r (not \v, not non-ASCII spaces).
const ASCII_WS = /[ \t\n\f\r]+/;

export function trimUnicode(s: string): string {
  return s.replace(TRIM, '');
}

function isRole(word: string): word is Role {
  return (ROLES as readonly string[]).includes(word);
}

function splitParts(s: string): string[] {
  return s.split(ASCII_WS).filter((p) => p.length > 0);
}

/** Step 1: take the first `<|channel|>value` out of the header. Returns the value ('' if empty). */
export function extractChannel(header: string): { rest: string; channel: string | undefined } {
  const at = header.indexOf(CHANNEL);
  if (at < 0) return { rest: header, channel: undefined };
  const after = header.slice(at + CHANNEL.length);
  const end = after.search(CHANNEL_VALUE_END);
  const value = end < 0 ? after : after.slice(0, end);
  const tail = end < 0 ? '' : after.slice(end);
  return { rest: header.slice(0, at) + tail, channel: value };
}

/** Steps 2–4: trim, space out `<|constrain|>`, split on ASCII whitespace. */
function headerParts(rest: string): string[] {
  let h = trimUnicode(rest);
  if (h.includes(CONSTRAIN)) h = trimUnicode(h.split(CONSTRAIN).join(' ' + CONSTRAIN));
  return splitParts(h);
}

/** Steps 5–6: the role (given or read from the first part) and the parts left after it. */
function takeRole(parts: string[], role: Role | null): { role: Role; name?: string; parts: string[] } {
  let name: string | undefined;
  let resolved: Role;
  if (role) {
    resolved = role;
  } else {
    const first = parts[0];
    if (first === undefined) throw new HarmonyError('message header did not contain a role');
    if (isRole(first)) {
      resolved = first;
      if (first === 'tool') name = first;
    } else if (parts.length > 1 || first.startsWith('to=')) {
      resolved = 'tool';
      name = first;
      parts = parts.slice(1);
    } else {
      throw new HarmonyError(`Unknown role: ${first}`);
    }
  }
  if (parts[0] === resolved) parts = parts.slice(1);
  return name === undefined ? { role: resolved, parts } : { role: resolved, name, parts };
}

function withChannel(h: ParsedHeader, channel: string | undefined): ParsedHeader {
  if (channel !== undefined) h.channel = channel;
  return h;
}

/** Reference header parsing; throws HarmonyError with the reference messages. */
export function parseHeader(text: string, role: Role | null): ParsedHeader {
  const { rest, channel } = extractChannel(text);
  if (channel === '') throw new HarmonyError('channel marker present but no channel value found in header');
  const taken = takeRole(headerParts(rest), role);
  const parts = [...taken.parts];
  const h: ParsedHeader = { role: taken.role };
  if (taken.name !== undefined) h.name = taken.name;
  withChannel(h, channel);
  const n = parts.length;
  if (n > 0) {
    const last = parts.pop()!;
    if (last.startsWith('to=')) {
      h.recipient = last.slice(3);
    } else if (n === 1) {
      h.recipient = last;
    } else {
      h.contentType = last;
      const prev = parts.pop()!;
      h.recipient = prev.startsWith('to=') ? prev.slice(3) : prev;
    }
  }
  if (parts.length > 0) {
    throw new HarmonyError(`unexpected tokens remaining in message header: Some(${JSON.stringify(parts.join(' '))})`);
  }
  return h;
}

/**
 * Non-strict recovery for a stop token that arrives inside a header (§7.5): the header text, minus the
 * channel and role, becomes the content.
 */
export function parseHeaderWithoutMessage(text: string, role: Role): { header: ParsedHeader; content: string } {
  const { rest, channel } = extractChannel(text);
  if (channel === '') throw new HarmonyError('channel marker present but no channel value found in header');
  const taken = takeRole(headerParts(rest), role);
  const header = withChannel({ role: taken.role }, channel);
  return { header, content: taken.parts.join(' ') };
}

/** Cut special-token debris (`x<|channel|>commentary`) off a recipient or content type. */
function clean(value: string): string {
  const at = value.indexOf('<|');
  return at > 0 ? value.slice(0, at) : value;
}

/**
 * Tolerant header parsing: never throws. Recipient only from `to=` parts (before or after the channel) or,
 * like the reference, from a dotted name; a part starting with `<|constrain|>` is always a content type.
 * Words it cannot place are returned in `leftover` so the caller can report them.
 */
export function parseHeaderTolerant(text: string, role: Role | null): { header: ParsedHeader; leftover: string[] } {
  const { rest, channel } = extractChannel(text);
  let parts = headerParts(rest);
  let resolved: Role = role ?? 'assistant';
  let name: string | undefined;
  const first = parts[0];
  if (!role && first !== undefined) {
    if (isRole(first)) resolved = first;
    else if (first.includes('.') && !first.startsWith('to=') && !first.includes('<|')) {
      resolved = 'tool';
      name = first;
      parts = parts.slice(1);
    }
  }
  while (parts[0] === resolved || (resolved === 'assistant' && parts[0] === '<|start|>assistant')) parts = parts.slice(1);
  const header: ParsedHeader = { role: resolved };
  if (name !== undefined) header.name = name;
  if (channel) header.channel = clean(channel);
  const leftover: string[] = [];
  for (const p of parts) {
    if (p.startsWith('to=') && header.recipient === undefined && p.length > 3) header.recipient = clean(p.slice(3));
    else if (p.startsWith(CONSTRAIN) && header.contentType === undefined) header.contentType = p;
    else leftover.push(p);
  }
  // Reference shapes without `to=`: `functions.f json`, `functions.f`, `json`/`code` after a recipient.
  if (header.recipient === undefined && leftover.length > 0 && leftover[0]!.includes('.') && !leftover[0]!.includes('<|')) {
    header.recipient = leftover.shift()!;
  }
  if (header.contentType === undefined && leftover.length > 0 && !leftover[leftover.length - 1]!.includes('<|')) {
    header.contentType = leftover.pop()!;
  }
  return { header, leftover };
}
