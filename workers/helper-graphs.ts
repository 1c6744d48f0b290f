// The engine's helper graphs, run as small ORT sessions on the model's own device so that the logits row
// (201,088 values per token) never leaves it: greedy pick, top-k candidates with the softmax normaliser,
// the last row (only for the rare exact fallback), and the KV-cache crop for regenerate/edit.
//
// The row is viewed as a [R, C] grid (R rows of C ids, in id order). Per-row reductions run in parallel on
// the GPU (a single ArgMax over 201,088 values would be one GPU thread's loop) and TopK stays in ORT's
// one-dispatch shared-memory path (C <= 2048) instead of its ~170-dispatch global sort. Ties resolve to the
// lower id at every stage, like ONNX TopK and the CPU argmax.
import type { OnnxGraph, OnnxNode, OnnxType } from './onnx-writer';

const I64_MAX = 2n ** 63n - 1n;
const i64 = (name: string, values: (number | bigint)[], dims = [values.length]) => ({ name, type: 'int64' as const, dims, data: BigInt64Array.from(values, BigInt) });

/** Rows of the id grid: the largest power of two up to 128 that divides the vocabulary (128 for gpt-oss). */
export function gridRows(vocab: number): number {
  let r = 1;
  while (r < 128 && vocab % (r * 2) === 0) r *= 2;
  return r;
}

/** The last position's logits as float32 [R, C] (nodes shared by the sampling graphs). */
function lastRowGrid(vocab: number): { nodes: OnnxNode[]; inits: OnnxGraph['initializers'] } {
  const rows = gridRows(vocab);
  return {
    nodes: [
      sliceLast,
      { op: 'Cast', inputs: ['last'], outputs: ['last_f'], attrs: { to: { i: 1 } } },
      { op: 'Reshape', inputs: ['last_f', 'grid_shape'], outputs: ['grid'] },
    ],
    inits: [...lastRowInits(), i64('grid_shape', [rows, vocab / rows])],
  };
}

const lastRowInits = () => [i64('last_start', [-1]), i64('last_end', [I64_MAX]), i64('seq_axis', [1])];
const sliceLast: OnnxNode = { op: 'Slice', inputs: ['logits', 'last_start', 'last_end', 'seq_axis'], outputs: ['last'] };

const logitsInput = (vocab: number, t: OnnxType) => ({ name: 'logits', type: t, dims: ['batch', 'sequence', vocab] });

/** Greedy: per grid row its max and first argmax; the caller takes the first row holding the overall max. */
export function greedyGraph(vocab: number, logitsType: OnnxType): OnnxGraph {
  const rows = gridRows(vocab);
  const g = lastRowGrid(vocab);
  return {
    name: 'overtone_greedy',
    nodes: [
      ...g.nodes,
      { op: 'ReduceMax', inputs: ['grid'], outputs: ['row_max'], attrs: { axes: { ints: [1] }, keepdims: { i: 0 } } },
      { op: 'ArgMax', inputs: ['grid'], outputs: ['row_arg'], attrs: { axis: { i: 1 }, keepdims: { i: 0 } } },
    ],
    initializers: g.inits,
    inputs: [logitsInput(vocab, logitsType)],
    outputs: [
      { name: 'row_max', type: 'float32', dims: [rows] },
      { name: 'row_arg', type: 'int64', dims: [rows] },
    ],
  };
}

/**
 * The k largest logits of the last position (descending, ties to the lower id), their ids (as exact
 * floats), and log Σ exp((x - max) · inv_temperature) over the whole vocabulary, so the CPU knows each
 * candidate's exact probability and the mass left outside them. Three TopK stages: per grid row, then
 * per group of rows, then overall; each stage carries the ids along with GatherElements.
 */
export function candidatesGraph(vocab: number, logitsType: OnnxType): OnnxGraph {
  const rows = gridRows(vocab);
  const cols = vocab / rows;
  const groups = Math.min(8, rows);
  const g = lastRowGrid(vocab);
  const topk = (x: string, values: string, positions: string): OnnxNode => ({ op: 'TopK', inputs: [x, 'k'], outputs: [values, positions], attrs: { axis: { i: 1 } } });
  const gather = (ids: string, positions: string, out: string): OnnxNode => ({ op: 'GatherElements', inputs: [ids, positions], outputs: [out], attrs: { axis: { i: 1 } } });
  const reshape = (x: string, shape: string, out: string): OnnxNode => ({ op: 'Reshape', inputs: [x, shape], outputs: [out] });
  return {
    name: 'overtone_candidates',
    nodes: [
      ...g.nodes,
      topk('grid', 'v1', 'p1'),
      gather('iota', 'p1', 'id1'),
      reshape('v1', 'groups_shape', 'v1g'),
      reshape('id1', 'groups_shape', 'id1g'),
      topk('v1g', 'v2', 'p2'),
      gather('id1g', 'p2', 'id2'),
      reshape('v2', 'one_row', 'v2r'),
      reshape('id2', 'one_row', 'id2r'),
      topk('v2r', 'values', 'p3'),
      gather('id2r', 'p3', 'ids'),
      { op: 'Slice', inputs: ['values', 'zero', 'one', 'one'], outputs: ['top'] },
      { op: 'Sub', inputs: ['grid', 'top'], outputs: ['shifted'] },
      { op: 'Mul', inputs: ['shifted', 'inv_temperature'], outputs: ['scaled'] },
      { op: 'Exp', inputs: ['scaled'], outputs: ['weights'] },
      { op: 'ReduceSum', inputs: ['weights', 'one'], outputs: ['row_sums'], attrs: { keepdims: { i: 0 } } },
      { op: 'ReduceSum', inputs: ['row_sums'], outputs: ['z'], attrs: { keepdims: { i: 0 } } },
      { op: 'Log', inputs: ['z'], outputs: ['log_z'] },
    ],
    initializers: [
      ...g.inits,
      // Float ids are exact below 2^24; GatherElements on floats stays on the GPU where an int64 Add would not.
      { name: 'iota', type: 'float32', dims: [rows, cols], data: Float32Array.from({ length: vocab }, (_, i) => i) },
      i64('groups_shape', [groups, -1]),
      i64('one_row', [1, -1]),
      i64('zero', [0]),
      i64('one', [1]),
    ],
    inputs: [logitsInput(vocab, logitsType), { name: 'k', type: 'int64', dims: [1] }, { name: 'inv_temperature', type: 'float32', dims: [1] }],
    outputs: [
      { name: 'values', type: 'float32', dims: [1, 'k'] },
      { name: 'ids', type: 'float32', dims: [1, 'k'] },
      { name: 'log_z', type: 'float32', dims: [] },
    ],
  };
}

/** The last position's logits as float32, for the exact fallback when a draw lands outside the candidates. */
export function lastRowGraph(vocab: number, logitsType: OnnxType): OnnxGraph {
  return {
    name: 'overtone_last_row',
    nodes: [sliceLast, { op: 'Cast', inputs: ['last'], outputs: ['row'], attrs: { to: { i: 1 } } }],
    initializers: lastRowInits(),
    inputs: [logitsInput(vocab, logitsType)],
    outputs: [{ name: 'row', type: 'float32', dims: ['batch', 1, vocab] }],
  };
}

/** Keeps the first `keep` positions of every past key/value [batch, heads, seq, dim] (regenerate/edit). */
export function cropGraph(pastNames: readonly string[], kvType: OnnxType, heads: number, headDim: number): OnnxGraph {
  return {
    name: 'overtone_kv_crop',
    nodes: pastNames.map((name) => ({ op: 'Slice', inputs: [name, 'zero', 'keep', 'seq_axis'], outputs: [cropOutput(name)] })),
    initializers: [i64('zero', [0]), i64('seq_axis', [2])],
    inputs: [...pastNames.map((name) => ({ name, type: kvType, dims: ['batch', heads, 'past', headDim] })), { name: 'keep', type: 'int64' as const, dims: [1] }],
    outputs: pastNames.map((name) => ({ name: cropOutput(name), type: kvType, dims: ['batch', heads, 'keep', headDim] })),
  };
}

export const cropOutput = (pastName: string): string => `kept.${pastName}`;
