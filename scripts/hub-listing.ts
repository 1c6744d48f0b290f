// A recorded listing of a hub repository (scripts/hub-listings/*.json) and the files the engine needs from it
// per dtype. Pure; scripts/hub-manifest.ts writes the result into src/models/hub-files.json.
import type { Dtype, ModelFile } from '../src/engine/protocol';
import { GRAPH_FILES, type DtypeFiles } from './model-files';

export interface HubListing {
  id: string;
  repo: string;
  revision: string;
  recorded: string;
  sources: Record<string, string>;
  largestTensorBytes: Partial<Record<Dtype, number>>;
  files: { path: string; size: number; sha256?: string }[];
}

const chunkIndex = (graph: string, path: string): number | undefined => {
  const m = new RegExp(`^onnx/${graph.replace('.', '\\.')}_data(?:_(\\d+))?$`).exec(path);
  return m ? Number(m[1] ?? 0) : undefined;
};

/** The files the engine needs per dtype, from a listing of the whole repository. */
export function dtypeFilesOf(listing: HubListing): Partial<Record<Dtype, DtypeFiles>> {
  const byPath = new Map(listing.files.map((f) => [f.path, f]));
  const file = (path: string): ModelFile => {
    const f = byPath.get(path)!;
    return f.sha256 ? { path, bytes: f.size, sha256: f.sha256 } : { path, bytes: f.size };
  };
  const out: Partial<Record<Dtype, DtypeFiles>> = {};
  for (const [dtype, graph] of Object.entries(GRAPH_FILES) as [Dtype, string][]) {
    if (!byPath.has(`onnx/${graph}`)) continue;
    if (!byPath.has('config.json')) throw new Error(`${listing.repo}: no config.json in the listing`);
    const chunks = listing.files.map((f) => [chunkIndex(graph, f.path), f.path] as const).filter((c): c is [number, string] => c[0] !== undefined).sort((a, b) => a[0] - b[0]);
    chunks.forEach(([i], k) => {
      if (i !== k) throw new Error(`${listing.repo}: external-data chunk ${k} of ${graph} is missing from the listing`);
    });
    const largest = listing.largestTensorBytes[dtype];
    if (largest === undefined) throw new Error(`${listing.repo}: the listing gives no largestTensorBytes for ${dtype}`);
    const paths = ['config.json', ...(byPath.has('generation_config.json') ? ['generation_config.json'] : []), `onnx/${graph}`, ...chunks.map(([, p]) => p)];
    out[dtype] = { largestTensorBytes: largest, files: paths.map(file) };
  }
  return out;
}

/** The entry of src/models/hub-files.json for one listing. */
export function hubModelEntry(listing: HubListing, listingFile: string): Record<string, unknown> {
  return { repo: listing.repo, revision: listing.revision, listing: `scripts/hub-listings/${listingFile}`, recorded: listing.recorded, sources: listing.sources, dtypes: dtypeFilesOf(listing) };
}
