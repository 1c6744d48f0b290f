// Import an export file into storage: validated whole first (chat/transfer/import-json.ts), then stored in
// one transaction, ids in use replaced by fresh ones. A bad file throws ImportError and changes nothing.
import type { Conversation } from '../chat/types';
import { planImport, readExportFile } from '../chat/transfer/import-json';
import type { ConversationRepository } from './repository';

export async function importIntoRepository(repo: ConversationRepository, file: Blob, newId: () => string): Promise<Conversation[]> {
  const imported = await readExportFile(file);
  const existing = new Set(await repo.ids());
  const planned = planImport(imported, existing, newId);
  await repo.putMany(planned);
  return planned;
}
