// Why an import was refused: one typed error (code import-invalid), a message that names the place in the
// file, and the fix. Nothing is imported when it is thrown.
import { fixFor } from '../errors';
import type { ChatError } from '../types';

export const IMPORT_FIX = fixFor('import-invalid');

export class ImportError extends Error implements ChatError {
  override readonly name = 'ImportError';
  readonly code = 'import-invalid' as const;
  constructor(
    message: string,
    readonly fix: string = IMPORT_FIX,
  ) {
    super(message);
  }
  toJSON(): ChatError {
    return { code: this.code, message: this.message, fix: this.fix };
  }
}
