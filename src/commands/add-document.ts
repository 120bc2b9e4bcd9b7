import type { DocumentChanges, Documents } from '../documents/create-documents.js';
import { DocumentError } from '../documents/document-error.js';
import { JalonError, userMessageOf } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { buildErrorBlocks } from '../slack/blocks/build-help-blocks.js';
import { buildDocumentAdded, buildDocumentRefusal, buildDocumentUpdated, buildDocumentUploadModal } from '../slack/blocks/build-document-blocks.js';
import { ephemeral, type Actor, type Reply } from './reply.js';

/** What the document handlers need (the documents are absent where a surface has none). */
export interface DocumentDeps {
  documents?: Documents | undefined;
  admins: readonly string[];
  logger: Logger;
}

const NO_DOCUMENTS = 'Les documents ne peuvent pas être ajoutés ici.';

/** Admins (JALON_ADMINS) add documents — and the terminal's local user. */
export const mayAddDocuments = (deps: Pick<DocumentDeps, 'admins'>, actor: Actor): boolean => Boolean(actor.console) || deps.admins.includes(actor.userId);

/** Anyone else is told who can. */
export const documentRefusal = (deps: Pick<DocumentDeps, 'admins'>): Reply => ephemeral(buildDocumentRefusal(deps.admins));

/** A refusal or failure as a reply: the file's French sentence; anything unexpected, a generic one (logged). */
function failure(deps: DocumentDeps, error: unknown, what: string): Reply {
  if (!(error instanceof JalonError)) deps.logger.error(`${what} failed`, { error: (error as Error)?.message ?? String(error) });
  else if (!(error instanceof DocumentError)) deps.logger.warn(`${what} refused`, { error: error.message });
  return ephemeral(buildErrorBlocks(userMessageOf(error)));
}

/**
 * `/mesure document ajouter`: admins get the form with a file field (in the terminal, how to add
 * one with the CLI); anyone else is told who can.
 */
export function documentForm(deps: DocumentDeps, actor: Actor): Reply {
  if (!mayAddDocuments(deps, actor)) return documentRefusal(deps);
  const hint = 'Joignez le fichier dans le formulaire — ou envoyez-le en message direct à Jalon. Dans un terminal : `jalon documents add FICHIER`.';
  return { ...ephemeral(buildErrorBlocks(hint)), modal: buildDocumentUploadModal(actor.channelId) };
}

/**
 * Adds a file a person sent (already downloaded) and says what was indexed: title, pages, passages,
 * and a button for the title and date when the document does not print them. Never throws.
 */
export async function addDocumentFor(deps: DocumentDeps, actor: Actor, file: { name: string; bytes: Uint8Array } & DocumentChanges): Promise<Reply> {
  if (!mayAddDocuments(deps, actor)) return documentRefusal(deps);
  if (!deps.documents) return ephemeral(buildErrorBlocks(NO_DOCUMENTS));
  try {
    const doc = await deps.documents.add({ ...file, addedBy: actor.userId });
    return ephemeral(buildDocumentAdded(doc));
  } catch (error) {
    return failure(deps, error, 'document add');
  }
}

/** The title/date form's submission. Throws DocumentError for a field to correct in the form. */
export function updateDocumentFor(deps: DocumentDeps, actor: Actor, id: string, changes: DocumentChanges): Reply {
  if (!mayAddDocuments(deps, actor)) return documentRefusal(deps);
  if (!deps.documents) return ephemeral(buildErrorBlocks(NO_DOCUMENTS));
  return ephemeral(buildDocumentUpdated(deps.documents.update(id, changes)));
}
