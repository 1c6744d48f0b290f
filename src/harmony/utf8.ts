// UTF-8 checking with Rust's `Utf8Error` semantics (valid_up_to / error_len, maximal-subpart rule). The
// stream parser needs these exact numbers to reproduce the reference's delta timing (HARMONY-SPEC §7.6);
// TextDecoder alone cannot tell "incomplete" from "invalid".

export interface Utf8Check {
  /** Bytes from `start` that form complete, valid UTF-8. */
  validUpTo: number;
  /** null: all valid, or the input ends inside a sequence (wait for more); n: n bytes are definitely invalid. */
  errorLen: number | null;
}

/** Length of the sequence a lead byte starts, and the allowed range of the second byte. 0 = invalid lead. */
function leadInfo(b: number): [len: number, lo: number, hi: number] {
  if (b < 0x80) return [1, 0, 0];
  if (b >= 0xc2 && b <= 0xdf) return [2, 0x80, 0xbf];
  if (b === 0xe0) return [3, 0xa0, 0xbf];
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return [3, 0x80, 0xbf];
  if (b === 0xed) return [3, 0x80, 0x9f];
  if (b === 0xf0) return [4, 0x90, 0xbf];
  if (b >= 0xf1 && b <= 0xf3) return [4, 0x80, 0xbf];
  if (b === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

export function checkUtf8(bytes: Uint8Array, start = 0, end = bytes.length): Utf8Check {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [len, lo, hi] = leadInfo(b);
    if (len === 0) return { validUpTo: i - start, errorLen: 1 };
    for (let k = 1; k < len; k++) {
      if (i + k >= end) return { validUpTo: i - start, errorLen: null };
      const c = bytes[i + k]!;
      const ok = k === 1 ? c >= lo && c <= hi : c >= 0x80 && c <= 0xbf;
      if (!ok) return { validUpTo: i - start, errorLen: k };
    }
    i += len;
  }
  return { validUpTo: end - start, errorLen: null };
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  const r = checkUtf8(bytes);
  return r.errorLen === null && r.validUpTo === bytes.length;
}

const lossyDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decode known-valid bytes, or replace each maximal invalid subpart with U+FFFD (= Rust from_utf8_lossy). */
export function decodeUtf8Lossy(bytes: Uint8Array): string {
  return lossyDecoder.decode(bytes);
}
