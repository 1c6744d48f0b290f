// Self-hosts ONNX Runtime Web's wasm: copies the files transformers.js's WebGPU build loads (the asyncify
// build of the onnxruntime-web version it pins) into public/ort/, so nothing is fetched from a CDN.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ORT_FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm', 'ort-wasm-simd-threaded.jspi.mjs', 'ort-wasm-simd-threaded.jspi.wasm'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Take onnxruntime-web as transformers.js sees it (its pinned version): nested first, else hoisted.
const transformersDir = join(root, 'node_modules', '@huggingface', 'transformers');
const ortPackage = [join(transformersDir, 'node_modules', 'onnxruntime-web', 'package.json'), join(root, 'node_modules', 'onnxruntime-web', 'package.json')].find((p) => existsSync(p));
if (!ortPackage) throw new Error('onnxruntime-web is not installed; run npm ci');
const ortDist = join(dirname(ortPackage), 'dist');
const version = (JSON.parse(readFileSync(ortPackage, 'utf8')) as { version: string }).version;
const out = join(root, 'public', 'ort');
mkdirSync(out, { recursive: true });
for (const f of ORT_FILES) {
  const src = join(ortDist, f);
  const dst = join(out, f);
  if (existsSync(dst) && statSync(dst).size === statSync(src).size && statSync(dst).mtimeMs >= statSync(src).mtimeMs) continue;
  // Copy under a private name, then rename: a concurrent run never sees (or serves) a half-copied file.
  const tmp = `${dst}.tmp-${process.pid}`;
  copyFileSync(src, tmp);
  renameSync(tmp, dst);
}
console.log(`copy-ort-wasm: onnxruntime-web ${version} -> public/ort/ (${ORT_FILES.join(', ')})`);
