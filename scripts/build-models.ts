// `npm run build:models`: builds the app's built-in tiny gpt-oss models into public/models/<id>/ when they
// are missing or were built by another builder version / seed / config (a stamp file records that).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_MODEL_ID, loadDemoArtifacts } from './demo-model/export';
import { buildModelFolder } from './tiny-model/build';
import { TINY_RANDOM, type TinyConfig } from './tiny-model/config';
import { randomWeights, type GptOssWeights } from './tiny-model/weights';

const BUILDER_VERSION = 1;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'models');

interface ModelRecipe {
  id: string;
  config: TinyConfig;
  seed: number;
  weights: () => GptOssWeights;
}

// The trained demo model (issue 4): committed fp32 artefacts; the seed is a hash of their bytes, so new weights rebuild.
const demo = loadDemoArtifacts();

const recipes: ModelRecipe[] = [
  { id: 'overtone-tiny-random', config: TINY_RANDOM, seed: 1234, weights: () => randomWeights(TINY_RANDOM, 1234) },
  { id: DEMO_MODEL_ID, config: demo.config, seed: demo.contentSeed, weights: () => demo.weights },
];

for (const r of recipes) {
  const dir = join(root, r.id);
  const stampFile = join(dir, '.build-stamp');
  const stamp = createHash('sha256').update(JSON.stringify({ v: BUILDER_VERSION, seed: r.seed, config: r.config })).digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    console.log(`build:models: ${r.id} is up to date`);
    continue;
  }
  const t0 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const { files, bytes } = buildModelFolder(dir, r.config, r.weights());
  writeFileSync(stampFile, stamp);
  console.log(`build:models: ${r.id}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
