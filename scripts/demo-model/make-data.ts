// `npx tsx scripts/demo-model/make-data.ts [outDir]`: the training data for train.py, seeded (same seed, same
// bytes): train.bin.gz and valid.bin.gz (trainer rows + loss masks, see packRows), meta.json (the
// sub-vocabulary, the three preludes in trainer rows, counts) and crosscheck.json (full-id conversations for
// crosscheck.py/.ts, one of them held-out text with ids outside the vocabulary). outDir defaults to .demo-carry,
// the folder the GPU training call carries (scripts/demo-model/gpu-train.sh).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { message } from '../../src/harmony/builders';
import { renderConversation, renderConversationForCompletion } from '../../src/harmony/render';
import { generate } from './conversations';
import { DATA_SEED, MIN_COUNT, TRAIN_COUNT, VALID_COUNT, buildVocab, packRows, renderExample, rowMapper } from './dataset';
import { heldoutSet } from './heldout-conversations';
import { EFFORTS, prelude } from './prelude';

const outDir = process.argv[2] ?? '.demo-carry';
const trainCount = Number(process.env.DEMO_TRAIN_COUNT ?? TRAIN_COUNT);
mkdirSync(outDir, { recursive: true });
const t0 = performance.now();
const train = generate(trainCount, DATA_SEED).map(renderExample);
const valid = generate(VALID_COUNT, DATA_SEED + 1).map(renderExample);
const vocab = buildVocab(train);
const toRow = rowMapper(vocab);
const preludes = EFFORTS.map((e) => renderConversation(prelude(e)));
if (new Set(preludes.map((p) => p.length)).size !== 1) throw new Error('the three preludes must share one length (the trainer batches them)');
const trainBin = packRows(train, preludes, toRow);
const validBin = packRows(valid, preludes, toRow);
writeFileSync(join(outDir, 'train.bin.gz'), trainBin);
writeFileSync(join(outDir, 'valid.bin.gz'), validBin);

const count = (rs: typeof train, f: (id: number, masked: boolean) => boolean) => rs.reduce((s, r) => s + r.ids.filter((id, i) => f(id, r.mask[i] === 1)).length, 0);
const unknownInTrain = count(train, (id) => toRow(id) === vocab.length);
const targets = count(train, (_, m) => m);
const maxLen = train.reduce((m, r) => Math.max(m, r.ids.length), 0);
const meta = { seed: DATA_SEED, minCount: MIN_COUNT, train: train.length, valid: valid.length, vocab, unknownRow: vocab.length, preludes: preludes.map((p) => p.map(toRow)), maxLen, targets };
writeFileSync(join(outDir, 'meta.json'), JSON.stringify(meta) + '\n');

// Cross-check inputs: three validation conversations and the first held-out prompt with words outside the
// vocabulary (they read the unknown row).
const heldPrompt = heldoutSet()
  .map((c) => renderConversationForCompletion([...prelude(c.effort), message('user', c.turns[0]!.user)], 'assistant'))
  .find((ids) => ids.some((id) => toRow(id) === vocab.length))!;
writeFileSync(join(outDir, 'crosscheck.json'), JSON.stringify({ cases: [...valid.slice(0, 3).map((r) => r.ids), heldPrompt] }) + '\n');

const mb = (b: Buffer) => (b.length / 1e6).toFixed(1);
console.log(`make-data: ${train.length} train (max len ${maxLen}, ${targets} target tokens, ${unknownInTrain} unknown-row tokens), ${valid.length} valid; vocab ${vocab.length} (+1 unknown row); train.bin.gz ${mb(trainBin)} MB, valid.bin.gz ${mb(validBin)} MB; ${((performance.now() - t0) / 1000).toFixed(0)} s -> ${outDir}`);
