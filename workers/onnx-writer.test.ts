// The hand-written protobuf encoder against the onnx-proto decoder and against ONNX Runtime itself.
import ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { describe, expect, test } from 'vitest';
import { encodeModel, OPSET, type OnnxGraph } from './onnx-writer';

const { onnx } = onnxProto;

const graph: OnnxGraph = {
  name: 'writer_test',
  nodes: [
    { op: 'Add', inputs: ['x', 'bias'], outputs: ['sum'] },
    { op: 'LeakyRelu', inputs: ['sum'], outputs: ['leaky'], attrs: { alpha: { f: 0.25 } } },
    { op: 'ReduceMax', inputs: ['leaky'], outputs: ['max'], attrs: { axes: { ints: [-1] }, keepdims: { i: 0 } } },
    { op: 'Slice', inputs: ['leaky', 'starts', 'ends', 'axes'], outputs: ['tail'] },
  ],
  initializers: [
    { name: 'bias', type: 'float32', dims: [3], data: Float32Array.of(1, -2, 0.5) },
    { name: 'starts', type: 'int64', dims: [1], data: BigInt64Array.of(-2n) },
    { name: 'ends', type: 'int64', dims: [1], data: BigInt64Array.of(2n ** 63n - 1n) },
    { name: 'axes', type: 'int64', dims: [1], data: BigInt64Array.of(1n) },
  ],
  inputs: [{ name: 'x', type: 'float32', dims: ['batch', 3] }],
  outputs: [
    { name: 'max', type: 'float32', dims: ['batch'] },
    { name: 'tail', type: 'float32', dims: ['batch', 2] },
  ],
};

describe('onnx writer', () => {
  test('writes the fields onnx.proto defines, readable by another decoder', () => {
    const m = onnx.ModelProto.decode(encodeModel(graph));
    expect(Number(m.irVersion)).toBe(8);
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', OPSET]]);
    const g = m.graph!;
    const nodes = g.node ?? [];
    expect(g.name).toBe('writer_test');
    expect(nodes.map((n) => [n.opType, n.input, n.output])).toEqual(graph.nodes.map((n) => [n.op, n.inputs, n.outputs]));
    const attrs = nodes.flatMap((n) => (n.attribute ?? []).map((a) => ({ name: a.name, type: a.type, f: a.f, i: Number(a.i), ints: (a.ints ?? []).map(Number) })));
    expect(attrs).toEqual([
      { name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: 0.25, i: 0, ints: [] },
      { name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, f: 0, i: 0, ints: [-1] },
      { name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, f: 0, i: 0, ints: [] },
    ]);
    const ends = (g.initializer ?? []).find((t) => t.name === 'ends')!;
    expect(new BigInt64Array(ends.rawData!.slice().buffer)[0]).toBe(2n ** 63n - 1n);
    expect(g.input![0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 3]);
    expect(g.output!.map((o) => o.name)).toEqual(['max', 'tail']);
  });

  test('ONNX Runtime loads and runs what it writes', async () => {
    const session = await ort.InferenceSession.create(encodeModel(graph));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 1, 1, -4, 0, 0), [2, 3]) });
    // x + bias = [2, -1, 1.5] and [-3, -2, 0.5]; LeakyRelu(0.25) = [2, -0.25, 1.5] and [-0.75, -0.5, 0.5].
    expect(Array.from(out.max!.data as Float32Array)).toEqual([2, 0.5]);
    expect(Array.from(out.tail!.data as Float32Array)).toEqual([-0.25, 1.5, -0.5, 0.5]);
    await session.release();
  });
});
