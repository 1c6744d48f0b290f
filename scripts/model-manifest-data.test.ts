// The manifest's generated data must be what the builders produce: rebuilding every built-in model in memory
// (the builds are deterministic) and re-reading every recorded hub listing gives the committed files. Fails
// when someone changes a model or a listing without `npm run build:models` / `tsx scripts/hub-manifest.ts`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import builtinFiles from '../src/models/builtin-files.json';
import hubFiles from '../src/models/hub-files.json';
import { findModel, MODELS, totalBytes } from '../src/models/manifest';
import { builtinRecipes } from './builtin-models';
import { hubModelEntry, type HubListing } from './hub-listing';
import { describeModel } from './model-files';
import { buildModelFiles } from './tiny-model/build';

describe('generated model data', () => {
  test.each(builtinRecipes().map((r) => [r.id, r] as const))('%s: a rebuild gives the committed builtin-files.json entry', (id, r) => {
    const files = buildModelFiles(r.config, r.weights());
    expect(describeModel((p) => files.get(p))).toEqual((builtinFiles.models as Record<string, unknown>)[id]);
  });

  test('every recorded hub listing gives its committed hub-files.json entry', () => {
    const dir = join(__dirname, 'hub-listings');
    const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const listing = JSON.parse(readFileSync(join(dir, name), 'utf8')) as HubListing;
      expect(hubModelEntry(listing, name)).toEqual((hubFiles.models as Record<string, unknown>)[listing.id]);
    }
  });

  test('the manifest takes sizes, files and largest tensors from that data', () => {
    for (const m of MODELS) {
      expect(m.dtypes.length).toBeGreaterThan(0);
      for (const d of m.dtypes) {
        expect(m.bytes[d]).toBe(totalBytes(m.files[d]!));
        expect(m.largestTensorBytes[d]).toBeGreaterThan(0);
        expect(m.files[d]!.map((f) => f.path)).toContain('config.json');
      }
    }
    const big = findModel('gpt-oss-20b')!;
    // The recorded listing's ONNX files sum to what the source asserts (ENGINE-NOTES §1.1): 7 chunks + graph.
    const onnx = big.files.q4f16!.filter((f) => f.path.startsWith('onnx/'));
    expect(onnx).toHaveLength(8);
    expect(totalBytes(onnx)).toBe(12_624_046_638);
    expect(big.requiresJspi).toBe(true);
    expect(findModel('overtone-tiny-demo')!.requiresJspi).toBe(false);
  });
});
