import type { AddedDocument, DocumentListing } from '../../documents/create-documents.js';
import { formatDocumentDate } from '../../domain/format-citation.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { actions, button, context, fallback, plainText, sections } from './block-builders.js';
import { LIMITS, type Block, type InputBlock, type MessageContent, type ModalView } from './block-kit.js';

export const DOCUMENT_ACTIONS = { edit: 'document_edit' } as const;
export const DOCUMENT_VIEWS = { info: 'document_info', upload: 'document_upload' } as const;
export const DOCUMENT_FIELDS = { file: 'document_file', title: 'document_title', date: 'document_date', url: 'document_url' } as const;

/** What a form about one document carries to its submission. */
export interface DocumentFormMeta {
  /** The document (D3) for the title/date form; absent for the upload form. */
  id?: string | undefined;
  /** Where the reply goes (the DM or the channel the command came from). */
  channel: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

function pagesOf(d: DocumentListing): string {
  if (d.pages === null) return '';
  return `${plural(d.pages, d.format === 'pptx' ? 'diapositive' : 'page')}, `;
}

/**
 * The reply to an added document: its title, pages and passages; when the document did not print
 * its title or date, a button opens the form that asks for them.
 */
export function buildDocumentAdded(doc: AddedDocument): MessageContent {
  const date = formatDocumentDate(doc.date);
  const lines = [
    `:page_facing_up: *${escapeMrkdwn(doc.title)}* ajouté (${escapeMrkdwn(doc.id)} · ${escapeMrkdwn(doc.file)}) : ${pagesOf(doc)}${plural(doc.passages, 'passage')} indexé${doc.passages > 1 ? 's' : ''}.`,
    date ? `Date : ${date}.` : 'Date : inconnue.',
    'Les réponses le citent désormais.',
  ];
  const blocks: Block[] = sections(lines.join('\n'));
  const missing = [!doc.titleFound && 'son titre', !doc.dateFound && 'sa date'].filter(Boolean);
  if (missing.length) {
    const them = missing.length > 1 ? 'les' : doc.titleFound ? 'la' : 'le';
    blocks.push(context(`Le document n’indique pas ${missing.join(' ni ')} : précisez-${them} pour que les citations le nomment et le datent.`));
    blocks.push(actions('document', button(DOCUMENT_ACTIONS.edit, 'Indiquer le titre et la date', doc.id, 'primary')));
  }
  return { text: fallback(`${doc.title} ajouté : ${pagesOf(doc)}${plural(doc.passages, 'passage')}.`), blocks };
}

/** The reply after a title or date was corrected. */
export function buildDocumentUpdated(doc: DocumentListing): MessageContent {
  const date = formatDocumentDate(doc.date) ?? 'date inconnue';
  const text = `:white_check_mark: ${escapeMrkdwn(doc.id)} · *${escapeMrkdwn(doc.title)}* — ${date}.`;
  return { text: fallback(`${doc.title} — ${date}`), blocks: sections(text) };
}

/** Who may add documents: said to anyone else. */
export function buildDocumentRefusal(admins: readonly string[]): MessageContent {
  const who = admins.length ? ` : ${admins.map((a) => `<@${a}>`).join(', ')}` : ' (aucun n’est configuré : variable JALON_ADMINS)';
  const text = `:no_entry: Seuls les administrateurs de Jalon peuvent ajouter des documents${who}. Envoyez-leur le fichier.`;
  return { text: fallback('Seuls les administrateurs de Jalon peuvent ajouter des documents.'), blocks: sections(text) };
}

function textInput(blockId: string, label: string, initial: string | null, placeholder: string, optional: boolean, max: number): InputBlock {
  const element: InputBlock['element'] = { type: 'plain_text_input', action_id: blockId, max_length: max, placeholder: plainText(placeholder) };
  if (initial) element.initial_value = initial.slice(0, max);
  return { type: 'input', block_id: blockId, label: plainText(label), optional, element };
}

const modal = (callbackId: string, title: string, submit: string, meta: DocumentFormMeta, blocks: Block[]): ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: plainText(title, LIMITS.modalTitle),
  submit: plainText(submit, LIMITS.modalButton),
  close: plainText('Annuler', LIMITS.modalButton),
  private_metadata: JSON.stringify(meta),
  blocks,
});

/** "Indiquer le titre et la date" of an added document, filled with what is known. */
export function buildDocumentInfoModal(doc: DocumentListing, channel: string): ModalView {
  return modal(DOCUMENT_VIEWS.info, 'Titre et date', 'Enregistrer', { id: doc.id, channel }, [
    context(`${escapeMrkdwn(doc.id)} · ${escapeMrkdwn(doc.file)}`),
    textInput(DOCUMENT_FIELDS.title, 'Titre du document', doc.title, 'Ségur de la santé — point d’avancement', false, 300),
    textInput(DOCUMENT_FIELDS.date, 'Date (mois et année)', doc.date, '2020-12 ou décembre 2020', false, 30),
    textInput(DOCUMENT_FIELDS.url, 'Lien vers l’original', doc.url, 'https://…', true, 500),
  ]);
}

/** `/mesure document ajouter`: the file, and its title, date and link when the document does not say them. */
export function buildDocumentUploadModal(channel: string): ModalView {
  return modal(DOCUMENT_VIEWS.upload, 'Ajouter un document', 'Ajouter', { channel }, [
    {
      type: 'input',
      block_id: DOCUMENT_FIELDS.file,
      label: plainText('Fichier (PDF, Word, PowerPoint, texte)'),
      element: { type: 'file_input', action_id: DOCUMENT_FIELDS.file, filetypes: ['pdf', 'docx', 'pptx', 'txt', 'md'], max_files: 1 },
    },
    textInput(DOCUMENT_FIELDS.title, 'Titre', null, 'sinon celui du document', true, 300),
    textInput(DOCUMENT_FIELDS.date, 'Date (mois et année)', null, 'sinon celle imprimée en première page', true, 30),
    textInput(DOCUMENT_FIELDS.url, 'Lien vers l’original', null, 'https://…', true, 500),
  ]);
}
