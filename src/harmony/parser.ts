// Streaming Harmony parser (HARMONY-SPEC §7): the reference StreamableParser state machine, token by token,
// with strict / non-strict modes byte-compatible with openai-harmony, plus an opt-in tolerant mode that never
// throws and never drops content (docs/harmony-tolerant-mode.md).
import { decodeBytes, SPECIAL, tokenBytes } from './encoding';
import {
  parseHeader,
  parseHeaderTolerant,
  parseHeaderWithoutMessage,
  trimUnicode,
  extractChannel,
  type ParsedHeader,
} from './header';
import { checkUtf8, decodeUtf8Lossy, isValidUtf8 } from './utf8';
import { HarmonyError, type Message, type Role } from './types';

export type { ParsedHeader } from './header';

export type ParserState =
  | { state: 'ExpectStart' }
  | { state: 'Header'; headerTokens: number[] }
  | { state: 'Content'; header: ParsedHeader };

export interface StreamParserOptions {
  /** Role of the first message when the caller already consumed `<|start|>{role}` (normally 'assistant'). */
  role?: Role | null;
  /** Reference strict mode (default true). Non-strict only changes a stop token inside a header (§7.5). */
  strict?: boolean;
  /** Opt-in robustness beyond the reference: never throws, never drops content. Overrides `strict`. */
  tolerant?: boolean;
}

const { start: START, message: MESSAGE, end: END, call: CALL, return: RETURN } = SPECIAL;
const isStop = (id: number): boolean => id === END || id === CALL || id === RETURN;

// Per-id cache of the text of tokens that are complete UTF-8 on their own: the hot path of content tokens.
const wholeTokenText: (string | null | undefined)[] = [];
function wholeText(id: number): string | null {
  let t = wholeTokenText[id];
  if (t === undefined) {
    const b = tokenBytes(id);
    t = b && isValidUtf8(b) ? decodeUtf8Lossy(b) : null;
    if (Number.isInteger(id) && id >= 0 && id < 1 << 20) wholeTokenText[id] = t;
  }
  return t;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Decode header ids strictly (reference: `could not decode header`), or lossily in tolerant mode. */
function decodeHeader(ids: readonly number[], lossy: boolean): string {
  if (lossy) return decodeUtf8Lossy(decodeBytes(ids.filter((id) => tokenBytes(id) !== undefined)));
  let bytes: Uint8Array;
  try {
    bytes = decodeBytes(ids);
  } catch {
    throw new HarmonyError('could not decode header');
  }
  if (!isValidUtf8(bytes)) throw new HarmonyError('could not decode header');
  return decodeUtf8Lossy(bytes);
}

function toMessage(h: ParsedHeader, text: string): Message {
  const m: Message = { author: h.name === undefined ? { role: h.role } : { role: h.role, name: h.name }, content: [{ type: 'text', text }] };
  if (h.recipient !== undefined) m.recipient = h.recipient;
  if (h.channel !== undefined) m.channel = h.channel;
  if (h.contentType !== undefined) m.contentType = h.contentType;
  return m;
}

export class StreamParser {
  readonly messages: Message[] = [];
  readonly tokens: number[] = [];
  /** Tolerant mode only: what it repaired or could not place, in order (nothing is dropped silently). */
  readonly warnings: string[] = [];

  private readonly strict: boolean;
  private readonly tolerant: boolean;
  private nextRole: Role | null;
  private mode: 'ExpectStart' | 'Header' | 'Content';
  private headerTokens: number[] = [];
  private header: ParsedHeader | null = null;
  private content = '';
  private delta: string | null = null;
  private undecodedTokens: number[] = [];
  private undecodedBytes: Uint8Array = new Uint8Array(0);

  constructor(opts: StreamParserOptions = {}) {
    this.strict = opts.strict ?? true;
    this.tolerant = opts.tolerant ?? false;
    this.nextRole = opts.role ?? null;
    this.mode = this.nextRole ? 'Header' : 'ExpectStart';
  }

  get state(): ParserState {
    if (this.mode === 'Header') return { state: 'Header', headerTokens: [...this.headerTokens] };
    if (this.mode === 'Content') return { state: 'Content', header: { ...this.header! } };
    return { state: 'ExpectStart' };
  }
  get currentRole(): Role | null {
    return this.mode === 'Content' ? this.header!.role : this.nextRole;
  }
  get currentChannel(): string | null {
    return this.mode === 'Content' ? (this.header!.channel ?? null) : null;
  }
  get currentRecipient(): string | null {
    return this.mode === 'Content' ? (this.header!.recipient ?? null) : null;
  }
  get currentContentType(): string | null {
    return this.mode === 'Content' ? (this.header!.contentType ?? null) : null;
  }
  get currentContent(): string {
    return this.mode === 'Content' ? this.content : '';
  }
  get lastContentDelta(): string | null {
    return this.delta;
  }

  process(id: number): void {
    this.tokens.push(id);
    if (this.tolerant) return this.processTolerant(id);
    switch (this.mode) {
      case 'ExpectStart':
        if (id !== START) throw new HarmonyError(`Unexpected token ${id} while expecting start token ${START}`);
        this.beginHeader();
        return;
      case 'Header':
        this.delta = null;
        if (id === MESSAGE) {
          this.openContent(parseHeader(decodeHeader(this.headerTokens, false), this.nextRole));
        } else if (!this.strict && isStop(id)) {
          this.recoverHeaderWithoutMessage();
        } else {
          this.headerTokens.push(id);
        }
        return;
      case 'Content':
        if (isStop(id)) this.finishMessage();
        else this.appendContent(id);
        return;
    }
  }

  processEos(): void {
    if (this.mode === 'Header') {
      if (this.tolerant) return this.tolerantHeaderEnd('end of stream');
      throw new HarmonyError('Unexpected EOS while waiting for message header to complete');
    }
    if (this.mode === 'Content') this.finishMessage();
  }

  private beginHeader(): void {
    this.mode = 'Header';
    this.headerTokens = [];
    this.delta = null;
  }

  private openContent(h: ParsedHeader): void {
    this.header = h;
    this.nextRole = null;
    this.mode = 'Content';
    this.content = '';
    this.delta = null;
  }

  /** §7.5: a stop token inside a header. Recovered only when the role of this message is known. */
  private recoverHeaderWithoutMessage(): void {
    const role = this.nextRole;
    if (role && this.headerTokens.length > 0) {
      const { header, content } = parseHeaderWithoutMessage(decodeHeader(this.headerTokens, false), role);
      this.messages.push(toMessage(header, content));
    }
    this.mode = 'ExpectStart';
    this.nextRole = null;
    this.headerTokens = [];
  }

  /** §7.6: decode with partial UTF-8 buffering; one error handled per token, the rest waits. */
  private appendContent(id: number): void {
    if (this.undecodedTokens.length === 0 && this.undecodedBytes.length === 0) {
      const whole = wholeText(id);
      if (whole !== null) {
        this.content += whole;
        this.delta = whole;
        return;
      }
    }
    this.undecodedTokens.push(id);
    let fresh: Uint8Array = new Uint8Array(0);
    for (const t of this.undecodedTokens) {
      const b = tokenBytes(t);
      if (!b) {
        this.delta = null;
        return;
      }
      fresh = concatBytes(fresh, b);
    }
    this.undecodedTokens = [];
    let buf = concatBytes(this.undecodedBytes, fresh);
    let emitted = '';
    const r = checkUtf8(buf);
    if (r.validUpTo > 0) {
      emitted += decodeUtf8Lossy(buf.subarray(0, r.validUpTo));
      buf = buf.slice(r.validUpTo);
    }
    if (r.errorLen !== null) {
      emitted += '\uFFFD';
      buf = buf.slice(r.errorLen);
    }
    this.undecodedBytes = buf;
    this.content += emitted;
    this.delta = emitted.length > 0 ? emitted : null;
  }

  private finishMessage(): void {
    let text = this.content;
    if (this.undecodedTokens.length > 0) {
      const parts: Uint8Array[] = [];
      let ok = true;
      for (const t of this.undecodedTokens) {
        const b = tokenBytes(t);
        if (!b) ok = false;
        else parts.push(b);
      }
      text += ok ? decodeUtf8Lossy(parts.reduce(concatBytes, new Uint8Array(0))) : '\uFFFD';
    }
    if (this.undecodedBytes.length > 0) text += decodeUtf8Lossy(this.undecodedBytes);
    this.messages.push(toMessage(this.header!, text));
    this.mode = 'ExpectStart';
    this.header = null;
    this.content = '';
    this.delta = null;
    this.undecodedTokens = [];
    this.undecodedBytes = new Uint8Array(0);
  }

  // ---- tolerant mode (docs/harmony-tolerant-mode.md) ----

  private processTolerant(id: number): void {
    switch (this.mode) {
      case 'ExpectStart':
        this.delta = null;
        if (id === START) return this.beginHeader();
        if (isStop(id)) return void this.warnings.push(`ignored stop token ${id} outside a message`);
        // T4/T5: a header or text without `<|start|>`: assume an assistant message.
        this.warnings.push(`implicit <|start|>assistant before token ${id}`);
        this.nextRole = 'assistant';
        this.beginHeader();
        if (id === SPECIAL.channel) return void this.headerTokens.push(id);
        if (id === MESSAGE) return this.openContent({ role: 'assistant' });
        this.openContent({ role: 'assistant' });
        return this.appendContent(id);
      case 'Header':
        this.delta = null;
        if (id === MESSAGE) {
          const { header, leftover } = parseHeaderTolerant(decodeHeader(this.headerTokens, true), this.nextRole);
          if (leftover.length > 0) this.warnings.push(`header words not understood: ${leftover.join(' ')}`);
          return this.openContent(header);
        }
        if (isStop(id)) return this.tolerantHeaderEnd(`stop token ${id}`);
        if (id === START) {
          // T6: `<|start|>` inside a header: a doubled start is ignored; text before it is kept as a message.
          if (this.headerTokens.length > 0) this.tolerantHeaderEnd('<|start|> inside a header');
          return this.beginHeader();
        }
        this.headerTokens.push(id);
        return;
      case 'Content':
        if (isStop(id)) return this.finishMessage();
        if (id === START) {
          // T7: a missing `<|end|>` before the next message.
          this.warnings.push('implicit <|end|> before <|start|>');
          this.finishMessage();
          return this.beginHeader();
        }
        return this.appendContent(id);
    }
  }

  /** T3: a header that ends without `<|message|>`: its text (minus channel and role) becomes the content. */
  private tolerantHeaderEnd(why: string): void {
    if (this.headerTokens.length > 0) {
      const text = decodeHeader(this.headerTokens, true);
      const { channel, rest } = extractChannel(text);
      const role = this.nextRole ?? 'assistant';
      let body = trimUnicode(rest);
      if (this.nextRole === null && body.startsWith(role)) body = trimUnicode(body.slice(role.length));
      const header: ParsedHeader = channel ? { role, channel } : { role };
      this.messages.push(toMessage(header, body));
      this.warnings.push(`header without <|message|> ended by ${why}; kept as content`);
    }
    this.mode = 'ExpectStart';
    this.nextRole = null;
    this.headerTokens = [];
  }
}

/** Parse a finished completion (signals end of stream). `role`: see StreamParserOptions. */
export function parseMessagesFromCompletionTokens(
  tokens: readonly number[],
  role: Role | null = null,
  opts: { strict?: boolean; tolerant?: boolean } = {},
): Message[] {
  const p = new StreamParser({ role, ...opts });
  for (const t of tokens) p.process(t);
  p.processEos();
  return p.messages;
}
