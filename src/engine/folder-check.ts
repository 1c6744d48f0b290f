// Load from a folder: which picked files make up the model and what is missing. Pure, so the picker can
// show the result before anything is sent to the worker, and the worker checks the same way.
import { EngineError, FIXES, type PickedFile } from './protocol';

export interface ExpectedFile {
  path: string;
  /** Unknown when the model is not in the manifest (then only presence is checked). */
  bytes?: number;
}

export interface FolderCheck {
  ok: boolean;
  /** The folder the model lives in, relative to what was picked ('' when the picked folder is the model). */
  root: string;
  /** The model's files by path inside the model folder. */
  files: Map<string, File>;
  missing: string[];
  wrongSize: { path: string; expected: number; actual: number }[];
}

/** Picked files by path inside the model folder: the folder that holds config.json (the shallowest one). */
export function modelFolderFiles(picked: readonly PickedFile[]): { root: string; files: Map<string, File> } {
  const norm = picked.map((p) => ({ path: p.path.replace(/\\/g, '/').replace(/^\/+/, ''), file: p.file }));
  const configs = norm.map((p) => p.path).filter((p) => p === 'config.json' || p.endsWith('/config.json'));
  const rootConfig = configs.sort((a, b) => a.split('/').length - b.split('/').length)[0];
  const root = rootConfig ? rootConfig.slice(0, rootConfig.length - 'config.json'.length) : '';
  const files = new Map<string, File>();
  for (const p of norm) if (p.path.startsWith(root)) files.set(p.path.slice(root.length), p.file);
  return { root: root.replace(/\/$/, ''), files };
}

export function checkFolder(picked: readonly PickedFile[], expected: readonly ExpectedFile[]): FolderCheck {
  const { root, files } = modelFolderFiles(picked);
  const missing: string[] = [];
  const wrongSize: FolderCheck['wrongSize'] = [];
  for (const e of expected) {
    const f = files.get(e.path);
    if (!f) missing.push(e.path);
    else if (e.bytes !== undefined && f.size !== e.bytes) wrongSize.push({ path: e.path, expected: e.bytes, actual: f.size });
  }
  return { ok: missing.length === 0 && wrongSize.length === 0, root, files, missing, wrongSize };
}

/** The typed error for an incomplete folder, naming every missing or wrong-sized file. */
export function folderError(check: FolderCheck): EngineError {
  const parts: string[] = [];
  if (check.missing.length) parts.push(`missing ${check.missing.join(', ')}`);
  for (const w of check.wrongSize) parts.push(`${w.path} has ${w.actual.toLocaleString('en')} bytes instead of ${w.expected.toLocaleString('en')}`);
  return new EngineError('incomplete-folder', `The picked folder${check.root ? ` (${check.root})` : ''} does not hold the whole model: ${parts.join('; ')}.`, FIXES['incomplete-folder']);
}
