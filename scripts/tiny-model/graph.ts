// Emits the ONNX graph of a gpt-oss model in the shape of the real onnx-community export (ENGINE-NOTES
// §1.5): Gather embedding, (Skip)SimplifiedLayerNormalization, MatMulNBits with biases, GroupQueryAttention
// with fused YaRN rotary, head_sink and alternating local_window_size, router + QMoE (SwiGLU, clamp), lm_head.
import onnxProto from 'onnx-proto';
import { isSlidingLayer, tableRows, vocabRowMap, type TinyConfig } from './config';
import { quantize4, toFp16Array, type Quantized } from './quant';
import { yarnTables } from './rope';
import type { GptOssWeights } from './weights';

const { onnx } = onnxProto;
type INode = onnxProto.onnx.INodeProto;
type IAttr = onnxProto.onnx.IAttributeProto;
type IValueInfo = onnxProto.onnx.IValueInfoProto;

export type Precision = 'fp32' | 'fp16';
const FLOAT = 1, UINT8 = 2, INT32 = 6, INT64 = 7, FLOAT16 = 10;

export interface Initializer {
  name: string;
  dataType: number;
  dims: number[];
  bytes: Uint8Array;
}

export interface BuiltGraph {
  nodes: INode[];
  initializers: Initializer[];
  inputs: IValueInfo[];
  outputs: IValueInfo[];
}

type AttrValue = number | string | number[];
function attr(name: string, v: AttrValue, float = false): IAttr {
  if (typeof v === 'string') return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  return float ? { name, type: 1, f: v } : { name, type: 2, i: v };
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): IValueInfo {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Builds nodes and initializers for one precision. Quantisation is done once by the caller and shared. */
export function buildGraph(c: TinyConfig, w: GptOssWeights, q: QuantizedWeights, precision: Precision): BuiltGraph {
  const T = precision === 'fp16' ? FLOAT16 : FLOAT;
  const floats = (a: Float32Array): Uint8Array => (precision === 'fp16' ? bytesOf(toFp16Array(a)) : bytesOf(a));
  const nodes: INode[] = [];
  const initializers: Initializer[] = [];
  const init = (name: string, dataType: number, dims: number[], bytes: Uint8Array) => {
    initializers.push({ name, dataType, dims, bytes });
    return name;
  };
  const initF = (name: string, dims: number[], a: Float32Array) => init(name, T, dims, floats(a));
  const initI64 = (name: string, values: number[]) => init(name, INT64, [values.length], bytesOf(BigInt64Array.from(values.map(BigInt))));
  let counter = 0;
  const node = (opType: string, inputs: string[], outputs: string[], attrs: IAttr[] = [], domain = ''): string[] => {
    nodes.push({ opType, input: inputs, output: outputs, attribute: attrs, domain, name: `${opType}_${counter++}` });
    return outputs;
  };
  const H = c.hiddenSize, E = c.numExperts, I = c.intermediateSize, B = c.blockSize;

  const matmul = (x: string, name: string, qw: Quantized, n: number, k: number, bias?: Float32Array): string => {
    const blocks = k / B;
    const wName = init(`${name}.weight_q4`, UINT8, [n, blocks, B / 2], qw.packed);
    const sName = initF(`${name}.scales`, [n * blocks], qw.scales);
    const inputs = [x, wName, sName, '', '', bias ? initF(`${name}.bias`, [n], bias) : ''];
    while (inputs[inputs.length - 1] === '') inputs.pop();
    return node('MatMulNBits', inputs, [`${name}.out`], [attr('K', k), attr('N', n), attr('bits', 4), attr('block_size', B)], 'com.microsoft')[0]!;
  };

  // Attention-mask subgraph: seqlens_k = sum(mask) - 1 and total_sequence_length, both int32.
  const one = initI64('const_one', [1]);
  const [maskSum] = node('ReduceSum', ['attention_mask', one], ['mask_sum'], [attr('keepdims', 0)]);
  const [maskSumMinus] = node('Sub', [maskSum!, one], ['mask_sum_minus_one']);
  const [seqlensK] = node('Cast', [maskSumMinus!], ['seqlens_k'], [attr('to', INT32)]);
  const [maskShape] = node('Shape', ['attention_mask'], ['mask_shape']);
  const [totalLen64] = node('Gather', [maskShape!, init('const_index_one', INT64, [], bytesOf(BigInt64Array.of(1n)))], ['total_len_i64'], [attr('axis', 0)]);
  const [totalLen] = node('Cast', [totalLen64!], ['total_sequence_length'], [attr('to', INT32)]);

  const rope = yarnTables(c);
  const cos = initF('cos_cache', [c.maxPositions, c.headDim / 2], rope.cos);
  const sin = initF('sin_cache', [c.maxPositions, c.headDim / 2], rope.sin);

  const rows = tableRows(c);
  // With a sub-vocabulary, full ids -> table rows first (the same map scatters the logits back at the end).
  const rowMap = c.subVocab ? init('model.vocab_row_map', INT32, [c.vocabSize], bytesOf(vocabRowMap({ ...c, subVocab: c.subVocab }))) : null;
  const tokenRows = rowMap ? node('Gather', [rowMap, 'input_ids'], ['token_rows'], [attr('axis', 0)])[0]! : 'input_ids';
  const [embedded] = node('Gather', [initF('model.embed_tokens.weight', [rows, H], w.embed), tokenRows], ['embedded'], [attr('axis', 0)]);
  let pendingDelta: string | null = null; // output of the previous block, not yet added to the residual
  let residual = embedded!;

  const normWithSkip = (name: string, gamma: Float32Array): string => {
    const g = initF(`${name}.weight`, [H], gamma);
    if (pendingDelta === null) {
      return node('SimplifiedLayerNormalization', [residual, g], [`${name}.out`], [attr('axis', -1), attr('epsilon', c.rmsNormEps, true), attr('stash_type', 1)])[0]!;
    }
    const outs = node('SkipSimplifiedLayerNormalization', [pendingDelta, residual, g], [`${name}.out`, '', '', `${name}.residual`], [attr('epsilon', c.rmsNormEps, true)], 'com.microsoft');
    residual = outs[3]!;
    pendingDelta = null;
    return outs[0]!;
  };

  const kvDims = ['batch_size', c.numKvHeads, 'past_sequence_length', c.headDim];
  const presentDims = ['batch_size', c.numKvHeads, 'total_sequence_length', c.headDim];
  const inputs: IValueInfo[] = [
    valueInfo('input_ids', INT64, ['batch_size', 'sequence_length']),
    valueInfo('attention_mask', INT64, ['batch_size', 'total_sequence_length']),
  ];
  const outputs: IValueInfo[] = [valueInfo('logits', T, ['batch_size', 'sequence_length', c.vocabSize])];

  w.layers.forEach((lw, l) => {
    const ql = q.layers[l]!;
    const p = `model.layers.${l}`;
    const x = normWithSkip(`${p}.input_layernorm`, lw.attnNorm);
    const qOut = matmul(x, `${p}.attn.q_proj`, ql.q, c.numHeads * c.headDim, H, lw.qBias);
    const kOut = matmul(x, `${p}.attn.k_proj`, ql.k, c.numKvHeads * c.headDim, H, lw.kBias);
    const vOut = matmul(x, `${p}.attn.v_proj`, ql.v, c.numKvHeads * c.headDim, H, lw.vBias);
    inputs.push(valueInfo(`past_key_values.${l}.key`, T, kvDims), valueInfo(`past_key_values.${l}.value`, T, kvDims));
    outputs.push(valueInfo(`present.${l}.key`, T, presentDims), valueInfo(`present.${l}.value`, T, presentDims));
    const sinks = initF(`${p}.attn.sinks`, [c.numHeads], lw.sinks);
    const [attn] = node(
      'GroupQueryAttention',
      [qOut, kOut, vOut, `past_key_values.${l}.key`, `past_key_values.${l}.value`, seqlensK!, totalLen!, cos, sin, '', '', sinks],
      [`${p}.attn.out`, `present.${l}.key`, `present.${l}.value`],
      [
        attr('num_heads', c.numHeads),
        attr('kv_num_heads', c.numKvHeads),
        attr('do_rotary', 1),
        attr('rotary_interleaved', 0),
        // Same meaning as gpt-oss's sliding_window: a query sees this many keys, itself included (checked
        // numerically against the reference in parity.test.ts).
        attr('local_window_size', isSlidingLayer(l) ? c.slidingWindow : -1),
      ],
      'com.microsoft',
    );
    pendingDelta = matmul(attn!, `${p}.attn.o_proj`, ql.o, H, c.numHeads * c.headDim, lw.oBias);

    const h = normWithSkip(`${p}.post_attention_layernorm`, lw.mlpNorm);
    const routerOut = matmul(h, `${p}.mlp.router`, ql.router, E, H, lw.routerBias);
    const flatShape = initI64(`${p}.mlp.flat_shape`, [-1, H]);
    const [hFlat] = node('Reshape', [h, flatShape], [`${p}.mlp.input_2d`]);
    const [logits2d] = node('Reshape', [routerOut, initI64(`${p}.mlp.router_shape`, [-1, E])], [`${p}.mlp.router_2d`]);
    const [moe] = node(
      'QMoE',
      [
        hFlat!, logits2d!,
        init(`${p}.mlp.experts.gate_up_q4`, UINT8, [E, 2 * I, H / 2], ql.gateUp.packed),
        initF(`${p}.mlp.experts.gate_up_scales`, [E, 2 * I, H / B], ql.gateUp.scales),
        initF(`${p}.mlp.experts.gate_up_bias`, [E, 2 * I], lw.gateUpBias),
        init(`${p}.mlp.experts.down_q4`, UINT8, [E, H, I / 2], ql.down.packed),
        initF(`${p}.mlp.experts.down_scales`, [E, H, I / B], ql.down.scales),
        initF(`${p}.mlp.experts.down_bias`, [E, H], lw.downBias),
      ],
      [`${p}.mlp.moe_2d`],
      [
        attr('activation_type', 'swiglu'),
        attr('k', c.expertsPerToken),
        attr('normalize_routing_weights', 1),
        attr('swiglu_fusion', 1),
        attr('activation_alpha', c.swigluAlpha, true),
        attr('activation_beta', 1.0, true),
        attr('swiglu_limit', c.swigluLimit, true),
        attr('expert_weight_bits', 4),
        attr('block_size', B),
      ],
      'com.microsoft',
    );
    const [hShape] = node('Shape', [h], [`${p}.mlp.shape`]);
    pendingDelta = node('Reshape', [moe!, hShape!], [`${p}.mlp.out`])[0]!;
  });

  const finalNormed = normWithSkip('model.norm', w.finalNorm);
  const logitsNode = matmul(finalNormed, 'lm_head', q.lmHead, rows, H, w.lmHeadBias);
  if (rowMap) node('Gather', [logitsNode, rowMap], ['logits'], [attr('axis', 2)]);
  else node('Identity', [logitsNode], ['logits']);
  return { nodes, initializers, inputs, outputs };
}

export interface QuantizedWeights {
  layers: { q: Quantized; k: Quantized; v: Quantized; o: Quantized; router: Quantized; gateUp: Quantized; down: Quantized }[];
  lmHead: Quantized;
}

/** 4-bit quantisation of every linear layer; `dequantized` is what the reference forward pass uses. */
export function quantizeWeights(c: TinyConfig, w: GptOssWeights): QuantizedWeights {
  const H = c.hiddenSize, qd = c.numHeads * c.headDim, kvd = c.numKvHeads * c.headDim, E = c.numExperts, I = c.intermediateSize, B = c.blockSize;
  return {
    layers: w.layers.map((l) => ({
      q: quantize4(l.q, qd, H, B),
      k: quantize4(l.k, kvd, H, B),
      v: quantize4(l.v, kvd, H, B),
      o: quantize4(l.o, H, qd, B),
      router: quantize4(l.router, E, H, B),
      gateUp: quantize4(l.gateUp, E * 2 * I, H, B),
      down: quantize4(l.down, E * H, I, B),
    })),
    lmHead: quantize4(w.lmHead, tableRows(c), H, B),
  };
}

/** Serialises the graph; initializers above `inlineLimit` bytes go to `chunks` external files. */
export function serializeModel(g: BuiltGraph, fileBase: string, chunks: number, inlineLimit = 1024): { model: Uint8Array; dataFiles: { name: string; bytes: Uint8Array }[] } {
  const external = g.initializers.filter((t) => t.bytes.length > inlineLimit);
  const total = external.reduce((s, t) => s + t.bytes.length, 0);
  const target = Math.ceil(total / chunks);
  const files: { name: string; parts: Uint8Array[]; size: number }[] = [];
  const locations = new Map<string, { file: string; offset: number; length: number }>();
  for (const t of external) {
    let f = files[files.length - 1];
    if (!f || (f.size >= target && files.length < chunks)) {
      f = { name: files.length === 0 ? `${fileBase}_data` : `${fileBase}_data_${files.length}`, parts: [], size: 0 };
      files.push(f);
    }
    const pad = (64 - (f.size % 64)) % 64;
    if (pad) f.parts.push(new Uint8Array(pad));
    locations.set(t.name, { file: f.name, offset: f.size + pad, length: t.bytes.length });
    f.parts.push(t.bytes);
    f.size += pad + t.bytes.length;
  }
  if (files.length !== chunks) throw new Error(`wanted ${chunks} external data chunks, got ${files.length}`);
  const initializer = g.initializers.map((t) => {
    const loc = locations.get(t.name);
    if (!loc) return { name: t.name, dataType: t.dataType, dims: t.dims, rawData: t.bytes };
    return {
      name: t.name,
      dataType: t.dataType,
      dims: t.dims,
      dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
      externalData: [
        { key: 'location', value: loc.file },
        { key: 'offset', value: String(loc.offset) },
        { key: 'length', value: String(loc.length) },
      ],
    };
  });
  const model = onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'overtone-tiny-model-builder',
    opsetImport: [{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }],
    graph: { name: 'gpt_oss_tiny', node: g.nodes, initializer, input: g.inputs, output: g.outputs },
  }).finish();
  const dataFiles = files.map((f) => {
    const bytes = new Uint8Array(f.size);
    let at = 0;
    for (const p of f.parts) {
      bytes.set(p, at);
      at += p.length;
    }
    return { name: f.name, bytes };
  });
  return { model, dataFiles };
}
