// 4-bit block quantisation in the layout of com.microsoft.MatMulNBits / QMoE (ENGINE-NOTES §6.3): per row
// of a [N, K] matrix, blocks of `block` values share one scale; values are stored as q = round(x/scale) + 8
// in 0..15, two per byte, the first in the low nibble. Scales are rounded to fp16 so the fp32 and fp16
// twins dequantise to exactly the same weights.

export interface Quantized {
  /** uint8 [N, K/block, block/2] */
  packed: Uint8Array;
  /** [N * K/block], fp16-representable values */
  scales: Float32Array;
  /** The weights the graph really computes with: (q - 8) * scale, [N, K]. */
  dequantized: Float32Array;
}

export function quantize4(w: Float32Array, n: number, k: number, block: number): Quantized {
  if (k % block !== 0 || block % 2 !== 0) throw new Error(`K=${k} must be a multiple of the block size ${block}`);
  const blocks = k / block;
  const packed = new Uint8Array((n * k) / 2);
  const scales = new Float32Array(n * blocks);
  const dequantized = new Float32Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let b = 0; b < blocks; b++) {
      const base = r * k + b * block;
      let amax = 0;
      for (let i = 0; i < block; i++) amax = Math.max(amax, Math.abs(w[base + i]!));
      const scale = roundToFp16(amax > 0 ? amax / 7 : 1);
      scales[r * blocks + b] = scale;
      for (let i = 0; i < block; i++) {
        const q = Math.min(15, Math.max(0, Math.round(w[base + i]! / scale) + 8));
        dequantized[base + i] = (q - 8) * scale;
        const byte = (base + i) >> 1;
        packed[byte] = (i & 1) === 0 ? (packed[byte]! & 0xf0) | q : (packed[byte]! & 0x0f) | (q << 4);
      }
    }
  }
  return { packed, scales, dequantized };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half bits of a float, rounding to nearest even. */
export function toFp16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++;
  return sign | half;
}

export function fromFp16Bits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function roundToFp16(v: number): number {
  return fromFp16Bits(toFp16Bits(v));
}

export function toFp16Array(a: Float32Array): Uint16Array {
  const out = new Uint16Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = toFp16Bits(a[i]!);
  return out;
}

export function fp16ToFloat32(a: Uint16Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = fromFp16Bits(a[i]!);
  return out;
}
