// An independent plain-TypeScript gpt-oss forward pass (the math of openai/gpt-oss's model definition):
// RMSNorm, attention with per-head sinks, alternating sliding/full causal attention, YaRN RoPE on halves,
// MoE top-k (softmax over the selected router logits) with clamped SwiGLU. It reads the dequantised 4-bit
// weights, so it computes what the ONNX graph should compute, and proves the graph is gpt-oss.
import { isSlidingLayer, tableRows, vocabRowMap, type TinyConfig } from './config';
import type { QuantizedWeights } from './graph';
import { yarnTables } from './rope';
import type { GptOssWeights } from './weights';

function rmsNorm(x: Float32Array, gamma: Float32Array, eps: number): Float32Array {
  let ss = 0;
  for (const v of x) ss += v * v;
  const inv = 1 / Math.sqrt(ss / x.length + eps);
  return x.map((v, i) => v * inv * gamma[i]!);
}

/** y = W x + b with W [n, k] row-major. */
function linear(x: Float32Array, w: Float32Array, n: number, k: number, b?: Float32Array, wOffset = 0, bOffset = 0): Float32Array {
  const y = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let s = b ? b[bOffset + r]! : 0;
    const base = wOffset + r * k;
    for (let i = 0; i < k; i++) s += w[base + i]! * x[i]!;
    y[r] = s;
  }
  return y;
}

function rotate(v: Float32Array, offset: number, hd: number, pos: number, cos: Float32Array, sin: Float32Array): void {
  const half = hd / 2;
  for (let i = 0; i < half; i++) {
    const c = cos[pos * half + i]!, s = sin[pos * half + i]!;
    const x1 = v[offset + i]!, x2 = v[offset + half + i]!;
    v[offset + i] = x1 * c - x2 * s;
    v[offset + half + i] = x2 * c + x1 * s;
  }
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Logits [ids.length, vocab] (only the rows in `wantRows`, others left empty). */
export function referenceLogits(c: TinyConfig, w: GptOssWeights, q: QuantizedWeights, ids: readonly number[], wantRows?: number[]): Float32Array[] {
  const H = c.hiddenSize, hd = c.headDim, nh = c.numHeads, nkv = c.numKvHeads, E = c.numExperts, I = c.intermediateSize;
  const S = ids.length;
  const { cos, sin } = yarnTables(c);
  const rowMap = c.subVocab ? vocabRowMap({ ...c, subVocab: c.subVocab }) : null;
  const rowOf = (id: number): number => (rowMap ? rowMap[id]! : id);
  let hidden = ids.map((id) => w.embed.slice(rowOf(id) * H, (rowOf(id) + 1) * H));
  q.layers.forEach((ql, l) => {
    const lw = w.layers[l]!;
    const normed = hidden.map((x) => rmsNorm(x, lw.attnNorm, c.rmsNormEps));
    const Q = normed.map((x) => linear(x, ql.q.dequantized, nh * hd, H, lw.qBias));
    const K = normed.map((x) => linear(x, ql.k.dequantized, nkv * hd, H, lw.kBias));
    const V = normed.map((x) => linear(x, ql.v.dequantized, nkv * hd, H, lw.vBias));
    for (let p = 0; p < S; p++) {
      for (let h = 0; h < nh; h++) rotate(Q[p]!, h * hd, hd, p, cos, sin);
      for (let h = 0; h < nkv; h++) rotate(K[p]!, h * hd, hd, p, cos, sin);
    }
    const scale = 1 / Math.sqrt(hd);
    const window = isSlidingLayer(l) ? c.slidingWindow : Infinity;
    hidden = hidden.map((resid, p) => {
      const attn = new Float32Array(nh * hd);
      for (let h = 0; h < nh; h++) {
        const kvh = Math.floor(h / (nh / nkv));
        const keys: number[] = [];
        for (let j = 0; j <= p; j++) if (p - j < window) keys.push(j);
        const scores = keys.map((j) => {
          let s = 0;
          for (let i = 0; i < hd; i++) s += Q[p]![h * hd + i]! * K[j]![kvh * hd + i]!;
          return s * scale;
        });
        const sink = lw.sinks[h]!;
        const m = Math.max(sink, ...scores);
        const ex = scores.map((s) => Math.exp(s - m));
        const denom = ex.reduce((a, b) => a + b, 0) + Math.exp(sink - m);
        keys.forEach((j, t) => {
          for (let i = 0; i < hd; i++) attn[h * hd + i]! += (ex[t]! / denom) * V[j]![kvh * hd + i]!;
        });
      }
      const o = linear(attn, ql.o.dequantized, H, nh * hd, lw.oBias);
      const x = resid.map((v, i) => v + o[i]!);
      // MoE
      const hN = rmsNorm(x, lw.mlpNorm, c.rmsNormEps);
      const router = linear(hN, ql.router.dequantized, E, H, lw.routerBias);
      const top = [...router.keys()].sort((a, b) => router[b]! - router[a]! || a - b).slice(0, c.expertsPerToken);
      const tm = Math.max(...top.map((e) => router[e]!));
      const tw = top.map((e) => Math.exp(router[e]! - tm));
      const tsum = tw.reduce((a, b) => a + b, 0);
      const out = new Float32Array(H);
      top.forEach((e, t) => {
        const gu = linear(hN, ql.gateUp.dequantized, 2 * I, H, lw.gateUpBias, e * 2 * I * H, e * 2 * I);
        const act = new Float32Array(I);
        for (let j = 0; j < I; j++) {
          const g = Math.min(gu[2 * j]!, c.swigluLimit);
          const lin = Math.min(Math.max(gu[2 * j + 1]!, -c.swigluLimit), c.swigluLimit);
          act[j] = g * sigmoid(c.swigluAlpha * g) * (lin + 1);
        }
        const d = linear(act, q.layers[l]!.down.dequantized, H, I, lw.downBias, e * H * I, e * H);
        for (let i = 0; i < H; i++) out[i]! += (tw[t]! / tsum) * d[i]!;
      });
      return x.map((v, i) => v + out[i]!);
    });
  });
  const rows = wantRows ?? [...Array(S).keys()];
  const result: Float32Array[] = new Array(S).fill(new Float32Array(0));
  for (const r of rows) {
    const f = rmsNorm(hidden[r]!, w.finalNorm, c.rmsNormEps);
    const perRow = linear(f, q.lmHead.dequantized, tableRows(c), H, w.lmHeadBias);
    result[r] = rowMap ? Float32Array.from(rowMap, (row) => perRow[row]!) : perRow;
  }
  return result;
}
