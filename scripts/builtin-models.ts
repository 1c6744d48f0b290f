// The app's built-in models: how each is made (config, seed, weights). build-models.ts writes them to disk,
// the manifest test rebuilds them in memory; both go through the same recipes.
import { createHash } from 'node:crypto';
import { DEMO_MODEL_ID, loadDemoArtifacts } from './demo-model/export';
import type { TinyConfig } from './tiny-model/config';
import { TINY_RANDOM } from './tiny-model/config';
import { randomWeights, type GptOssWeights } from './tiny-model/weights';

export const BUILDER_VERSION = 1;

export interface ModelRecipe {
  id: string;
  config: TinyConfig;
  seed: number;
  weights: () => GptOssWeights;
}

export function builtinRecipes(): ModelRecipe[] {
  // The trained demo model (issue 4): committed fp32 artefacts; the seed is a hash of their bytes, so new weights rebuild.
  const demo = loadDemoArtifacts();
  return [
    { id: 'overtone-tiny-random', config: TINY_RANDOM, seed: 1234, weights: () => randomWeights(TINY_RANDOM, 1234) },
    { id: DEMO_MODEL_ID, config: demo.config, seed: demo.contentSeed, weights: () => demo.weights },
  ];
}

/** Identifies one build of a recipe: a folder with this stamp needs no rebuild. */
export function recipeStamp(r: ModelRecipe): string {
  return createHash('sha256').update(JSON.stringify({ v: BUILDER_VERSION, seed: r.seed, config: r.config })).digest('hex');
}
