// Test helper: encode text in which `<|name|>` markers stand for special tokens (tiktoken's
// allowed_special="all"), the way the reference tests build their token streams.
import { encodeOrdinary, SPECIAL } from '../encoding';

const NAMED: Record<string, number> = {
  '<|startoftext|>': SPECIAL.startoftext,
  '<|endoftext|>': SPECIAL.endoftext,
  '<|return|>': SPECIAL.return,
  '<|constrain|>': SPECIAL.constrain,
  '<|channel|>': SPECIAL.channel,
  '<|start|>': SPECIAL.start,
  '<|end|>': SPECIAL.end,
  '<|message|>': SPECIAL.message,
  '<|call|>': SPECIAL.call,
};

export function encodeWithSpecials(text: string): number[] {
  const out: number[] = [];
  for (const piece of text.split(/(<\|[a-z_0-9]+\|>)/)) {
    if (piece === '') continue;
    const special = NAMED[piece] ?? reserved(piece);
    if (special !== undefined) out.push(special);
    else out.push(...encodeOrdinary(piece));
  }
  return out;
}

function reserved(piece: string): number | undefined {
  const m = /^<\|reserved_(\d+)\|>$/.exec(piece);
  return m ? Number(m[1]) : undefined;
}
