import type { App } from '@slack/bolt';
import { z } from 'zod';
import { documentRefusal, mayAddDocuments, updateDocumentFor } from '../../../commands/add-document.js';
import { ephemeral, type Reply } from '../../../commands/reply.js';
import { checkDocumentChanges, type DocumentChanges } from '../../../documents/create-documents.js';
import { DocumentError, type DocumentField } from '../../../documents/document-error.js';
import { userMessageOf } from '../../../domain/errors.js';
import { DOCUMENT_FIELDS, DOCUMENT_VIEWS } from '../../blocks/build-document-blocks.js';
import { buildErrorBlocks } from '../../blocks/build-help-blocks.js';
import { deliverAfterView } from '../../deliver-reply.js';
import { addSharedFile } from '../../receive-documents.js';
import { readMetadata, ViewSubmissionBody, viewValue, type ViewState } from '../../slack-payloads.js';
import type { SlackDeps } from '../../slack-deps.js';

const Meta = z.object({ id: z.string().optional(), channel: z.string().min(1) });

const BLOCK_OF: Record<DocumentField, string> = { title: DOCUMENT_FIELDS.title, date: DOCUMENT_FIELDS.date, url: DOCUMENT_FIELDS.url, kind: DOCUMENT_FIELDS.title, publisher: DOCUMENT_FIELDS.title };

/** The title, date and link typed in a form (empty fields are not changes). */
function typed(state: ViewState): DocumentChanges {
  const changes: DocumentChanges = {};
  const title = viewValue(state, DOCUMENT_FIELDS.title);
  const date = viewValue(state, DOCUMENT_FIELDS.date);
  const url = viewValue(state, DOCUMENT_FIELDS.url);
  if (title) changes.title = title;
  if (date) changes.date = date;
  if (url) changes.url = url;
  return changes;
}

/** A field typed wrong, as Slack shows it under the field; null when the fields are fine. */
function fieldError(error: unknown): Record<string, string> | null {
  if (!(error instanceof DocumentError) || error.problem !== 'invalid' || !error.field) return null;
  return { [BLOCK_OF[error.field]]: error.detail.slice(0, 150) };
}

/**
 * The two document forms: "Titre et date" of an added document (saved before the form closes, so
 * a wrong date is shown under its field) and "Ajouter un document" from `/mesure document ajouter`
 * (the file is downloaded and indexed after the form closes; the reply says how it went).
 */
export function registerDocumentForms(app: App, deps: SlackDeps): void {
  app.view(DOCUMENT_VIEWS.info, async ({ ack, body, client }) => {
    const parsed = ViewSubmissionBody.safeParse(body);
    const meta = parsed.success ? readMetadata(Meta, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta?.id) return void (await ack());
    const userId = parsed.data.user.id;
    let reply: Reply;
    try {
      reply = updateDocumentFor(deps, { userId, channelId: meta.channel }, meta.id, typed(parsed.data.view.state));
    } catch (error) {
      const errors = fieldError(error);
      if (errors) return void (await ack({ response_action: 'errors', errors }));
      if (!(error instanceof DocumentError)) deps.logger.error('document update failed', { error: (error as Error)?.message ?? String(error) });
      reply = ephemeral(buildErrorBlocks(userMessageOf(error)));
    }
    await ack();
    await deliverAfterView(reply, { client, channel: meta.channel, userId, logger: deps.logger });
  });

  app.view(DOCUMENT_VIEWS.upload, async ({ ack, body, client }) => {
    const parsed = ViewSubmissionBody.safeParse(body);
    const meta = parsed.success ? readMetadata(Meta, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta) return void (await ack());
    const userId = parsed.data.user.id;
    const actor = { userId, channelId: meta.channel };
    const file = parsed.data.view.state.values[DOCUMENT_FIELDS.file]?.[DOCUMENT_FIELDS.file]?.files?.[0];
    if (!file) return void (await ack({ response_action: 'errors', errors: { [DOCUMENT_FIELDS.file]: 'Joignez un fichier.' } }));
    const fields = typed(parsed.data.view.state);
    try {
      checkDocumentChanges(file.name, fields);
    } catch (error) {
      const errors = fieldError(error);
      if (errors) return void (await ack({ response_action: 'errors', errors }));
    }
    await ack();
    const reply = mayAddDocuments(deps, actor) ? await addSharedFile(deps, client, actor, file, fields) : documentRefusal(deps);
    await deliverAfterView(reply, { client, channel: meta.channel, userId, logger: deps.logger });
  });
}
