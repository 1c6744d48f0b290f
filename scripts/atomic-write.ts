// Writes that a concurrent run of the same script cannot tear: build under a private temporary name in the
// same folder, then rename into place (rename is atomic within one filesystem).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const unique = () => `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function atomicWriteFile(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${unique()}`);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * Builds a folder through `fill(tmpDir)` and moves it to `dir`. If another process installed the same
 * build meanwhile (`isCurrent(dir)` true), its folder stays and ours is discarded; an outdated folder is
 * moved aside and deleted. Readers never see a half-written folder, only (briefly) none.
 */
export function installFolder(dir: string, fill: (tmpDir: string) => void, isCurrent: (dir: string) => boolean): 'installed' | 'kept-other' {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${unique()}`);
  try {
    fill(tmp);
    for (let attempt = 0; attempt < 5; attempt++) {
      if (existsSync(dir)) {
        if (isCurrent(dir)) return 'kept-other';
        const old = join(parent, `.${basename(dir)}.old-${unique()}`);
        try {
          renameSync(dir, old);
          rmSync(old, { recursive: true, force: true });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // someone else moved it first
        }
      }
      try {
        renameSync(tmp, dir);
        return 'installed';
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e; // another run installed between our steps: look again
      }
    }
    throw new Error(`Could not install ${dir}: it kept changing under concurrent builds`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
