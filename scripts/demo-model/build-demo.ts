// `tsx scripts/demo-model/build-demo.ts [outDir] [artifactsDir]`: builds public/models/overtone-tiny-demo (both
// ONNX twins) from the committed artefacts (or another artefacts folder, e.g. a fresh training run's) through
// the project's builder.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildModelFolder } from '../tiny-model/build';
import { ARTIFACTS_DIR, DEMO_MODEL_ID, loadDemoArtifacts } from './export';

const out = process.argv[2] ?? join(ARTIFACTS_DIR, '..', '..', '..', 'public', 'models', DEMO_MODEL_ID);
const t0 = performance.now();
const a = loadDemoArtifacts(process.argv[3] ?? ARTIFACTS_DIR);
const { files, bytes } = buildModelFolder(out, a.config, a.weights);
// build:models' stamp no longer describes this folder: let it rebuild from the committed artefacts next time.
rmSync(join(out, '.build-stamp'), { force: true });
console.log(`build-demo: ${DEMO_MODEL_ID}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${out}`);
