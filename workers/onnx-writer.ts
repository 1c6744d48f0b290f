// Encodes a small ONNX model (the engine's helper graphs: sampling, KV crop) as protobuf bytes, in the
// worker, with no protobuf library: the wire format of the few ModelProto fields these graphs use.
// Field numbers are onnx.proto's; repeated scalars are written unpacked (proto2), which every parser reads.

export type OnnxType = 'float32' | 'float16' | 'int64';
export type Attr = { i: number } | { f: number } | { ints: number[] } | { s: string };

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, Attr>;
}

export interface OnnxValue {
  name: string;
  type: OnnxType;
  /** Numbers are fixed sizes, strings symbolic dimensions. */
  dims: (number | string)[];
}

export interface OnnxInitializer {
  name: string;
  type: OnnxType;
  dims: number[];
  data: Float32Array | BigInt64Array | Uint16Array;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
}

/** Opset of the default domain the helper graphs are written against (TopK with a K input, ReduceSum with axes input). */
export const OPSET = 17;
const ELEM_TYPE: Record<OnnxType, number> = { float32: 1, int64: 7, float16: 10 };
const ATTR_TYPE = { f: 1, i: 2, s: 3, ints: 7 } as const;

/** Appends protobuf fields to a growing byte buffer. */
class Writer {
  private buf = new Uint8Array(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  /** Base-128 varint of a 64-bit two's-complement value (negative int64 takes 10 bytes). */
  varint(v: number | bigint): void {
    let x = BigInt.asUintN(64, BigInt(v));
    while (x >= 0x80n) {
      this.byte(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.byte(Number(x));
  }

  private tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, v: number | bigint): void {
    this.tag(field, 0);
    this.varint(v);
  }

  float(field: number, v: number): void {
    this.tag(field, 5);
    this.reserve(4);
    new DataView(this.buf.buffer).setFloat32(this.len, v, true);
    this.len += 4;
  }

  bytes(field: number, data: Uint8Array): void {
    this.tag(field, 2);
    this.varint(data.length);
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  string(field: number, s: string): void {
    this.bytes(field, new TextEncoder().encode(s));
  }

  message(field: number, write: (w: Writer) => void): void {
    const inner = new Writer();
    write(inner);
    this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function writeAttr(w: Writer, name: string, a: Attr): void {
  w.string(1, name);
  if ('f' in a) {
    w.float(2, a.f);
    w.int(20, ATTR_TYPE.f);
  } else if ('i' in a) {
    w.int(3, a.i);
    w.int(20, ATTR_TYPE.i);
  } else if ('s' in a) {
    w.string(4, a.s);
    w.int(20, ATTR_TYPE.s);
  } else {
    for (const v of a.ints) w.int(8, v);
    w.int(20, ATTR_TYPE.ints);
  }
}

function writeValueInfo(w: Writer, v: OnnxValue): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, ELEM_TYPE[v.type]);
      tensor.message(2, (shape) => {
        for (const d of v.dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

function writeTensor(w: Writer, t: OnnxInitializer): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, ELEM_TYPE[t.type]);
  w.string(8, t.name);
  w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
}

/** The serialised ModelProto (IR version 8, default-domain opset OPSET). */
export function encodeModel(g: OnnxGraph): Uint8Array {
  const w = new Writer();
  w.int(1, 8);
  w.string(2, 'overtone-engine');
  w.message(7, (graph) => {
    g.nodes.forEach((n, i) =>
      graph.message(1, (node) => {
        for (const x of n.inputs) node.string(1, x);
        for (const y of n.outputs) node.string(2, y);
        node.string(3, `${n.op}_${i}`);
        node.string(4, n.op);
        for (const [name, a] of Object.entries(n.attrs ?? {})) node.message(5, (attr) => writeAttr(attr, name, a));
      }),
    );
    graph.string(2, g.name);
    for (const t of g.initializers) graph.message(5, (tensor) => writeTensor(tensor, t));
    for (const v of g.inputs) graph.message(11, (vi) => writeValueInfo(vi, v));
    for (const v of g.outputs) graph.message(12, (vi) => writeValueInfo(vi, v));
  });
  w.message(8, (opset) => {
    opset.string(1, '');
    opset.int(2, OPSET);
  });
  return w.finish();
}
