// Picking a model folder: the File System Access API's directory picker where the browser has it (Chromium),
// walked into files with their paths inside the folder; elsewhere the caller falls back to an
// <input type=file webkitdirectory>, whose files carry webkitRelativePath. Files are read by the worker
// later, never here.
import type { PickedFile } from '../engine/protocol';

/** The part of the File System Access API used here (not in TypeScript's DOM library). */
interface DirectoryHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandle | FileHandle>;
}
interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}
type DirectoryPicker = (options?: { mode?: 'read'; id?: string }) => Promise<DirectoryHandle>;

const picker = (): DirectoryPicker | undefined => (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;

export const canPickDirectory = (): boolean => typeof picker() === 'function';

async function walk(dir: DirectoryHandle, prefix: string, out: PickedFile[]): Promise<void> {
  for await (const entry of dir.values()) {
    const path = `${prefix}${entry.name}`;
    if (entry.kind === 'file') out.push({ path, file: await entry.getFile() });
    else await walk(entry, `${path}/`, out);
  }
}

/** Opens the directory picker; null when the person closes it without choosing. */
export async function pickDirectory(): Promise<PickedFile[] | null> {
  const show = picker();
  if (!show) return null;
  let dir: DirectoryHandle;
  try {
    dir = await show({ mode: 'read', id: 'overtone-model' });
  } catch (e) {
    if ((e as DOMException)?.name === 'AbortError') return null;
    throw e;
  }
  const out: PickedFile[] = [];
  await walk(dir, `${dir.name}/`, out);
  return out;
}

/** The files of an <input webkitdirectory>, by their path inside what was picked. */
export function inputFiles(files: FileList | readonly File[]): PickedFile[] {
  return [...files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}
