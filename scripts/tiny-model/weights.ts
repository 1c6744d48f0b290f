// Plain weights of a gpt-oss model (row-major Float32Arrays, [out, in] for linear layers like PyTorch), so
// random and trained models go through the same builder.
import { createRng as seededRandom } from '../../workers/sampling';
import { tableRows, type TinyConfig } from './config';

export interface LayerWeights {
  attnNorm: Float32Array; // [H]
  q: Float32Array; qBias: Float32Array; // [heads*hd, H], [heads*hd]
  k: Float32Array; kBias: Float32Array; // [kv*hd, H]
  v: Float32Array; vBias: Float32Array;
  o: Float32Array; oBias: Float32Array; // [H, heads*hd]
  sinks: Float32Array; // [heads]
  mlpNorm: Float32Array; // [H]
  router: Float32Array; routerBias: Float32Array; // [E, H], [E]
  /** Per expert [2I, H], gate/linear interleaved by row (row 2j = gate j, row 2j+1 = linear j). */
  gateUp: Float32Array; gateUpBias: Float32Array; // [E*2I*H], [E*2I]
  down: Float32Array; downBias: Float32Array; // [E*H*I], [E*H]
}

export interface GptOssWeights {
  embed: Float32Array; // [rows, H]: rows = tableRows(config), the full vocabulary unless a sub-vocabulary
  layers: LayerWeights[];
  finalNorm: Float32Array; // [H]
  lmHead: Float32Array; // [rows, H]
  lmHeadBias?: Float32Array; // [rows]
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function gaussianFill(n: number, rand: () => number, std: number, mean = 0): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = mean + std * gaussian(rand);
  return a;
}

/** Uniform values with the given mean and standard deviation from xorshift32: a few ns per value (benchmark twins). */
function fastFill(state: { x: number }): (n: number, rand: unknown, std: number, mean?: number) => Float32Array {
  return (n, _rand, std, mean = 0) => {
    const a = new Float32Array(n);
    const scale = (2 * Math.sqrt(3) * std) / 4294967296;
    const offset = mean - Math.sqrt(3) * std;
    let x = state.x;
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      a[i] = offset + (x >>> 0) * scale;
    }
    state.x = x;
    return a;
  };
}

/**
 * Random weights scaled so activations stay O(1) and greedy output varies from token to token. `fast`: uniform
 * instead of normal values with the same scales, for multi-GB benchmark twins whose output nobody reads.
 */
export function randomWeights(c: TinyConfig, seed: number, fast = false): GptOssWeights {
  const rand = seededRandom(seed);
  const fill = fast ? fastFill({ x: (seed * 2654435761) | 1 }) : gaussianFill;
  const H = c.hiddenSize, qd = c.numHeads * c.headDim, kvd = c.numKvHeads * c.headDim, E = c.numExperts, I = c.intermediateSize;
  const w = (rows: number, cols: number) => fill(rows * cols, rand, 1 / Math.sqrt(cols));
  const layers: LayerWeights[] = [];
  for (let l = 0; l < c.numLayers; l++) {
    layers.push({
      attnNorm: fill(H, rand, 0.1, 1),
      q: w(qd, H), qBias: fill(qd, rand, 0.02),
      k: w(kvd, H), kBias: fill(kvd, rand, 0.02),
      v: w(kvd, H), vBias: fill(kvd, rand, 0.02),
      o: w(H, qd), oBias: fill(H, rand, 0.02),
      sinks: fill(c.numHeads, rand, 0.5),
      mlpNorm: fill(H, rand, 0.1, 1),
      router: w(E, H), routerBias: fill(E, rand, 0.1),
      gateUp: fill(E * 2 * I * H, rand, 1 / Math.sqrt(H)), gateUpBias: fill(E * 2 * I, rand, 0.02),
      down: fill(E * H * I, rand, 1 / Math.sqrt(I)), downBias: fill(E * H, rand, 0.02),
    });
  }
  return {
    embed: fill(tableRows(c) * H, rand, 1),
    layers,
    finalNorm: fill(H, rand, 0.1, 1),
    lmHead: fill(tableRows(c) * H, rand, 2 / Math.sqrt(H)),
  };
}
