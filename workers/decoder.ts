// The model's own ORT session, called directly (no transformers.js glue): input ids, the attention mask
// and the past key/values in; logits and present key/values out, left where the execution provider put
// them (GPU buffers on WebGPU). Also the KV crop for regenerate/edit, on the same device.
//
// The graph reads the attention mask only through ReduceSum (seqlens_k) and Shape (total length), on the
// CPU, so a mask of ones is a view of one reused buffer: nothing of the full length is built per token.
import { cropGraph, cropOutput } from './helper-graphs';
import { encodeModel, type OnnxType } from './onnx-writer';
import { release, type InferenceSession, type OrtApi, type Tensor } from './ort-runtime';

export type Past = Record<string, Tensor>;

export interface ModelShape {
  vocab: number;
  kvHeads: number;
  headDim: number;
  /** Element type of the logits and the KV cache: float16 for q4f16 graphs, float32 for fp32 ones. */
  floatType: Extract<OnnxType, 'float16' | 'float32'>;
}

const PAST = 'past_key_values.';
const PRESENT = 'present.';

export class Decoder {
  private ones = new BigInt64Array(0);
  readonly pastNames: string[];
  /** Optional inputs some exports declare (transformers.js fills them the same way). */
  private readonly wantsPositions: boolean;
  private readonly wantsLogitsToKeep: boolean;

  private constructor(
    private readonly ort: OrtApi,
    private readonly session: InferenceSession,
    private readonly cropSession: InferenceSession,
    readonly shape: ModelShape,
  ) {
    this.pastNames = session.inputNames.filter((n) => n.startsWith(PAST));
    this.wantsPositions = session.inputNames.includes('position_ids');
    this.wantsLogitsToKeep = session.inputNames.includes('num_logits_to_keep');
  }

  /**
   * Wraps a created model session. `gpu`: keep logits and present key/values in GPU buffers (WebGPU EP);
   * the crop session then also returns GPU buffers.
   */
  static async create(ort: OrtApi, session: InferenceSession, shape: ModelShape, helperOptions: InferenceSession.SessionOptions): Promise<Decoder> {
    const names = session.inputNames.filter((n) => n.startsWith(PAST));
    const crop = await ort.InferenceSession.create(encodeModel(cropGraph(names, shape.floatType, shape.kvHeads, shape.headDim)), {
      ...helperOptions,
      ...(helperOptions.preferredOutputLocation ? { preferredOutputLocation: 'gpu-buffer' as const } : {}),
    });
    return new Decoder(ort, session, crop, shape);
  }

  /** preferredOutputLocation keeping a `layers`-layer model's logits and present key/values on the GPU. */
  static gpuOutputs(layers: number): Record<string, 'gpu-buffer'> {
    const names = ['logits', ...Array.from({ length: layers }, (_, l) => [`${PRESENT}${l}.key`, `${PRESENT}${l}.value`]).flat()];
    return Object.fromEntries(names.map((n) => [n, 'gpu-buffer' as const]));
  }

  async release(): Promise<void> {
    await this.session.release();
    await this.cropSession.release();
  }

  /** Zero-length past key/values for the first run. */
  emptyPast(): Past {
    const data = this.shape.floatType === 'float16' ? new Uint16Array(0) : new Float32Array(0);
    return Object.fromEntries(this.pastNames.map((n) => [n, new this.ort.Tensor(this.shape.floatType, data, [1, this.shape.kvHeads, 0, this.shape.headDim])]));
  }

  private mask(total: number): Tensor {
    if (this.ones.length < total) this.ones = new BigInt64Array(Math.max(total, this.ones.length * 2, 1024)).fill(1n);
    return new this.ort.Tensor('int64', this.ones.subarray(0, total), [1, total]);
  }

  /**
   * Runs `ids` after `pastLength` cached positions. Returns the run's logits (the caller releases them) and
   * the present key/values renamed as the next run's past; `past` itself is left to the caller.
   */
  async run(ids: readonly number[], past: Past, pastLength: number, onRun?: (ms: number) => void): Promise<{ logits: Tensor; present: Past }> {
    const feeds: Record<string, Tensor> = {
      ...past,
      input_ids: new this.ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
      attention_mask: this.mask(pastLength + ids.length),
    };
    if (this.wantsPositions) feeds.position_ids = new this.ort.Tensor('int64', BigInt64Array.from(ids, (_, i) => BigInt(pastLength + i)), [1, ids.length]);
    // Only the last position's logits are ever used: a graph that can skip the others should.
    if (this.wantsLogitsToKeep) feeds.num_logits_to_keep = new this.ort.Tensor('int64', BigInt64Array.of(1n), []);
    const t0 = performance.now();
    const out = await this.session.run(feeds);
    onRun?.(performance.now() - t0);
    const present: Past = {};
    for (const [name, t] of Object.entries(out)) if (name.startsWith(PRESENT)) present[PAST + name.slice(PRESENT.length)] = t as Tensor;
    return { logits: out.logits as Tensor, present };
  }

  /** The first `keep` positions of `past`, computed where they lie (no read-back); `past` is left to the caller. */
  async crop(past: Past, keep: number): Promise<Past> {
    const out = await this.cropSession.run({ ...past, keep: new this.ort.Tensor('int64', BigInt64Array.of(BigInt(keep)), [1]) });
    return Object.fromEntries(this.pastNames.map((n) => [n, out[cropOutput(n)] as Tensor]));
  }
}

export function releasePast(past: Past | null): void {
  if (past) release(Object.values(past));
}
