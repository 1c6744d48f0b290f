// `tsx scripts/demo-model/make-data.ts [outDir]`: writes train.jsonl / heldout.jsonl (token ids + loss masks,
// held-out also with its expectations) and artifacts/vocab.json. Seeded: same seed, same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderConversation } from '../../src/harmony/render';
import { prelude } from './conversations';
import { DATA_SEED, DEFAULT_DATA_DIR, HELDOUT_COUNT, TRAIN_COUNT, buildVocab, generate, promptIds, renderExample } from './dataset';

const here = dirname(fileURLToPath(import.meta.url));

const outDir = process.argv[2] ?? DEFAULT_DATA_DIR;
mkdirSync(outDir, { recursive: true });
const train = generate('train', TRAIN_COUNT, DATA_SEED);
const heldout = generate('heldout', HELDOUT_COUNT, DATA_SEED + 1);
const trainR = train.map(renderExample);
const vocab = buildVocab(trainR);
const known = new Set(vocab);
writeFileSync(join(outDir, 'train.jsonl'), trainR.map((r) => JSON.stringify(r)).join('\n') + '\n');
let dropped = 0;
const lines: string[] = [];
heldout.forEach((ex) => {
  const r = renderExample(ex);
  // A held-out token the trainer never saw has an untrained embedding; such examples would test nothing.
  if (!r.ids.every((id) => known.has(id))) return void dropped++;
  lines.push(JSON.stringify({ ...r, prompt: promptIds(ex), messages: ex.prompt, expect: ex.expect }));
});
// The trainer runs the three fixed preludes (system + developer, one per effort) once per step.
writeFileSync(join(outDir, 'preludes.json'), JSON.stringify((['low', 'medium', 'high'] as const).map((e) => renderConversation(prelude(e)))) + '\n');
writeFileSync(join(outDir, 'heldout.jsonl'), lines.join('\n') + '\n');
writeFileSync(join(here, 'artifacts', 'vocab.json'), JSON.stringify(vocab) + '\n');
const maxLen = Math.max(...trainR.map((r) => r.ids.length));
const targets = trainR.reduce((s, r) => s + r.mask.reduce((a, b) => a + b, 0), 0);
console.log(`make-data: ${train.length} train (max len ${maxLen}, ${targets} target tokens), ${lines.length} held-out (${dropped} dropped for unseen tokens), vocab ${vocab.length} -> ${outDir}`);
