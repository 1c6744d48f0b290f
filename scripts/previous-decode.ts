// The engine's decode step as it was before issue 12, kept only so benchmarks can show before and after in
// one run: transformers.js's model.forward glue, a new full-length attention mask per token, the whole
// logits row read back and converted from fp16 in JavaScript, and sampling over all of it in JavaScript.
// Timed phase by phase (the ORT session.run inside forward is measured by wrapping the session).
import { Tensor, type PreTrainedModel } from '@huggingface/transformers';
import { fromFp16Bits } from '../workers/fp16';
import { createRng, sampleToken } from '../workers/sampling';
import type { Sampling } from '../src/engine/protocol';

export interface PreviousBreakdown {
  steps: number;
  /** Wall time of the decode steps. */
  totalMs: number;
  /** ORT session.run inside forward (on a GPU: the step's GPU work and the logits read-back). */
  runMs: number;
  /** transformers.js forward() around the run. */
  glueMs: number;
  maskMs: number;
  /** Last logits row to Float32 in JavaScript (fp16 conversion). */
  convertMs: number;
  /** JavaScript sampling over the whole row. */
  sampleMs: number;
  ids: number[];
}

type Past = Record<string, Tensor>;

function lastRow(logits: Tensor): Float32Array {
  const [, seq, vocab] = logits.dims as [number, number, number];
  const start = (seq - 1) * vocab;
  const data = logits.data as ArrayLike<number>;
  const row = new Float32Array(vocab);
  if (logits.type === 'float16' && data instanceof Uint16Array) {
    for (let i = 0; i < vocab; i++) row[i] = fromFp16Bits(data[start + i]!);
  } else {
    for (let i = 0; i < vocab; i++) row[i] = data[start + i]!;
  }
  return row;
}

const disposePast = (past: Past | null) => {
  for (const t of Object.values(past ?? {})) if (t.location === 'gpu-buffer') t.dispose();
};

/** Prefills `prompt` in one forward, then decodes `steps` tokens the previous engine's way. */
export async function previousDecode(model: PreTrainedModel, prompt: readonly number[], steps: number, sampling: Sampling): Promise<PreviousBreakdown> {
  const session = (model as unknown as { sessions: { model: { run: (feeds: unknown) => Promise<unknown> } } }).sessions.model;
  const run = session.run.bind(session);
  let runMs = 0;
  session.run = async (feeds: unknown) => {
    const t0 = performance.now();
    try {
      return await run(feeds);
    } finally {
      runMs += performance.now() - t0;
    }
  };
  const rng = createRng(sampling.seed);
  let past: Past | null = null;
  let length = 0;
  const b = { maskMs: 0, forwardMs: 0, convertMs: 0, sampleMs: 0 };
  const forward = async (ids: readonly number[]): Promise<Float32Array> => {
    let t = performance.now();
    const total = length + ids.length;
    const attention_mask = new Tensor('int64', new BigInt64Array(total).fill(1n), [1, total]);
    b.maskMs += performance.now() - t;
    t = performance.now();
    const out = (await model.forward({ input_ids: new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]), attention_mask, past_key_values: past })) as Record<string, Tensor>;
    const present: Past = {};
    for (const [name, v] of Object.entries(out)) if (name.startsWith('present')) present[name.replace('present', 'past_key_values')] = v;
    disposePast(past);
    past = present;
    length = total;
    b.forwardMs += performance.now() - t;
    t = performance.now();
    const row = lastRow(out.logits!);
    out.logits!.dispose?.();
    b.convertMs += performance.now() - t;
    return row;
  };
  let row = await forward(prompt);
  Object.assign(b, { maskMs: 0, forwardMs: 0, convertMs: 0 });
  runMs = 0;
  const ids: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i <= steps; i++) {
    const t = performance.now();
    ids.push(sampleToken(row, sampling, rng));
    b.sampleMs += performance.now() - t;
    if (i < steps) row = await forward([ids[i]!]);
  }
  const totalMs = performance.now() - t0;
  session.run = run;
  disposePast(past);
  return { steps, totalMs, runMs, glueMs: b.forwardMs - runMs, maskMs: b.maskMs, convertMs: b.convertMs, sampleMs: b.sampleMs, ids };
}
