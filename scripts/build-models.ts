// `npm run build:models`: builds the app's built-in tiny gpt-oss models into public/models/<id>/ when they are
// missing or were built by another builder version / seed / config (a stamp file records that), and writes
// every file's path, size and SHA-256 plus the largest tensor into src/models/builtin-files.json (committed;
// the manifest reads it). Each folder is built under a temporary name and renamed into place, so two runs at
// once (`npm start` beside `npm test`) cannot tear each other's output.
//   --out <dir>   build somewhere else (tests)
//   --check       leave builtin-files.json alone; warn when it no longer matches the built models
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atomicWriteFile, installFolder, readIfExists } from './atomic-write';
import { builtinRecipes, recipeStamp } from './builtin-models';
import { describeModel } from './model-files';
import { buildModelFolder } from './tiny-model/build';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILTIN_FILES_JSON = join(projectRoot, 'src', 'models', 'builtin-files.json');

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const root = outIndex >= 0 ? resolve(args[outIndex + 1]!) : join(projectRoot, 'public', 'models');
const check = args.includes('--check');

const STAMP = '.build-stamp';
const described: Record<string, unknown> = {};
for (const r of builtinRecipes()) {
  const dir = join(root, r.id);
  const stamp = recipeStamp(r);
  const isCurrent = (d: string) => readIfExists(join(d, STAMP)) === stamp;
  if (isCurrent(dir)) {
    console.log(`build:models: ${r.id} is up to date`);
  } else {
    const t0 = performance.now();
    let summary = '';
    const outcome = installFolder(
      dir,
      (tmp) => {
        const { files, bytes } = buildModelFolder(tmp, r.config, r.weights());
        atomicWriteFile(join(tmp, STAMP), stamp);
        summary = `${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`;
      },
      isCurrent,
    );
    console.log(`build:models: ${r.id}: ${summary} in ${((performance.now() - t0) / 1000).toFixed(1)} s${outcome === 'kept-other' ? ' (a concurrent build installed the same folder first)' : ''}`);
  }
  described[r.id] = describeModel((p) => (existsSync(join(dir, p)) ? readFileSync(join(dir, p)) : undefined));
}

const json = JSON.stringify({ generatedBy: 'npm run build:models (scripts/build-models.ts); do not edit by hand', models: described }, null, 2) + '\n';
if (readIfExists(BUILTIN_FILES_JSON) === json) {
  console.log('build:models: src/models/builtin-files.json is current');
} else if (check) {
  console.warn('build:models: WARNING src/models/builtin-files.json does not match the built models; run `npm run build:models` and commit it');
} else {
  atomicWriteFile(BUILTIN_FILES_JSON, json);
  console.log('build:models: wrote src/models/builtin-files.json');
}
