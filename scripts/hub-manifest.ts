// `tsx scripts/hub-manifest.ts`: turns the recorded hub listings in scripts/hub-listings/ into
// src/models/hub-files.json (committed; the manifest reads it): per hub model and dtype, the files the engine
// downloads (config, generation config, graph, external-data chunks) with sizes and SHA-256 where known.
//   --from-hf-tree <tree.json> <listing.json>   refresh a listing from a saved hub API answer
//     (https://huggingface.co/api/models/<repo>/tree/<revision>?recursive=1; LFS oids are SHA-256 digests)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atomicWriteFile } from './atomic-write';
import { hubModelEntry, type HubListing } from './hub-listing';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const LISTINGS = join(projectRoot, 'scripts', 'hub-listings');
const HUB_FILES_JSON = join(projectRoot, 'src', 'models', 'hub-files.json');

function fromHfTree(treePath: string, listingPath: string): void {
  const tree = JSON.parse(readFileSync(treePath, 'utf8')) as { type: string; path: string; size: number; lfs?: { oid: string } }[];
  const listing = JSON.parse(readFileSync(listingPath, 'utf8')) as HubListing;
  listing.files = tree.filter((e) => e.type === 'file').map((e) => ({ path: e.path, size: e.size, ...(e.lfs ? { sha256: e.lfs.oid } : {}) }));
  listing.recorded = `${new Date().toISOString().slice(0, 10)}, from the hub's tree API (${treePath})`;
  listing.sources = { ...listing.sources, sizes: "the hub's tree API", sha256: "the hub's tree API (LFS oids); small non-LFS files have no SHA-256 there" };
  atomicWriteFile(listingPath, JSON.stringify(listing, null, 2) + '\n');
}

if (process.argv[2] === '--from-hf-tree') fromHfTree(process.argv[3]!, process.argv[4]!);

const models: Record<string, unknown> = {};
for (const name of readdirSync(LISTINGS).filter((n) => n.endsWith('.json')).sort()) {
  const listing = JSON.parse(readFileSync(join(LISTINGS, name), 'utf8')) as HubListing;
  models[listing.id] = hubModelEntry(listing, name);
}
atomicWriteFile(HUB_FILES_JSON, JSON.stringify({ generatedBy: 'tsx scripts/hub-manifest.ts from scripts/hub-listings/; do not edit by hand', models }, null, 2) + '\n');
console.log(`hub-manifest: wrote src/models/hub-files.json (${Object.keys(models).join(', ')})`);
