// fp16 -> fp32 via a 64k lookup table: logits of q4f16 models arrive as raw half floats (Node and browsers
// without Float16Array), and the decode loop reads one 201k row per token.
let table: Float32Array | undefined;

export function fp16Table(): Float32Array {
  if (table) return table;
  table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    table[h] = exp === 0 ? sign * mant * 2 ** -24 : exp === 0x1f ? (mant ? NaN : sign * Infinity) : sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return table;
}

export function fromFp16Bits(h: number): number {
  return fp16Table()[h & 0xffff]!;
}
