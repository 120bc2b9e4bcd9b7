import { STATUSES, STATUS_FR, type Measure, type Status } from '../../domain/types.js';
import { VALID_STATUSES_FR } from '../../measures/parse-status.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { context, fallback, option, plainText, sections } from './block-builders.js';
import { LIMITS, type Block, type InputBlock, type MessageContent, type ModalView, type OptionObject } from './block-kit.js';
import { truncateText } from './split-text.js';

/** callback_id of each modal; block ids double as action ids of their single element. */
export const VIEWS = {
  statusUpdate: 'measure_status',
  complete: 'mesure_complete',
  feedback: 'feedback_report',
  info: 'jalon_info',
} as const;

export const FIELDS = { target: 'target', status: 'status', comment: 'comment', ref: 'ref', scope: 'scope' } as const;

const title = (text: string) => plainText(text, LIMITS.modalTitle);

const statusOption = (s: Status): OptionObject => option(STATUS_FR[s], s);

function statusSelect(initial: Status | null): InputBlock {
  const options = STATUSES.map(statusOption);
  const element: InputBlock['element'] = { type: 'static_select', action_id: FIELDS.status, placeholder: plainText('Choisir un statut'), options };
  if (initial) element.initial_option = statusOption(initial);
  return { type: 'input', block_id: FIELDS.status, label: plainText('Nouveau statut'), element };
}

function commentInput(initial: string | null): InputBlock {
  const element: InputBlock['element'] = { type: 'plain_text_input', action_id: FIELDS.comment, multiline: true, max_length: 300 };
  if (initial) element.initial_value = initial;
  return { type: 'input', block_id: FIELDS.comment, label: plainText('Commentaire'), optional: true, element };
}

function textInput(blockId: string, label: string, initial: string | null, placeholder: string): InputBlock {
  const element: InputBlock['element'] = { type: 'plain_text_input', action_id: blockId, max_length: 120, placeholder: plainText(placeholder) };
  if (initial) element.initial_value = initial;
  return { type: 'input', block_id: blockId, label: plainText(label), element };
}

/** What a status modal carries to its submission. */
export interface StatusModalMeta {
  measureId: string;
  channel: string;
}

/**
 * "Mettre à jour le statut": what to change (the measure or one of its milestones), the new status,
 * a comment. `milestoneId` preselects a milestone.
 */
export function buildStatusModal(measure: Measure, meta: StatusModalMeta, milestoneId?: string): ModalView {
  const self = option(`La mesure elle-même (${measure.id})`, measure.id);
  const milestoneOptions = measure.milestones
    .slice(0, LIMITS.selectOptions - 1)
    .map((m) => option(`${m.id.slice(measure.id.length + 1) || m.id} · ${STATUS_FR[m.status]} · ${m.text}`, m.id));
  const initial = milestoneOptions.find((o) => o.value === milestoneId) ?? self;
  const current = milestoneId ? (measure.milestones.find((m) => m.id === milestoneId)?.status ?? measure.status) : measure.status;
  const blocks: Block[] = [
    context(`*${escapeMrkdwn(measure.id)}* — ${escapeMrkdwn(truncateText(measure.title, 250))}`),
    {
      type: 'input',
      block_id: FIELDS.target,
      label: plainText('Mesure ou jalon'),
      element: { type: 'static_select', action_id: FIELDS.target, options: [self, ...milestoneOptions], initial_option: initial },
    },
    statusSelect(current),
    commentInput(null),
  ];
  return {
    type: 'modal',
    callback_id: VIEWS.statusUpdate,
    title: title('Mettre à jour'),
    submit: plainText('Enregistrer', LIMITS.modalButton),
    close: plainText('Annuler', LIMITS.modalButton),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

/** Shown instead of the status modal when Slack refuses to open it (its trigger expired): what to type. */
export function buildStatusModalFallback(measure: Measure): MessageContent {
  const usage = `/mesure statut ${measure.id} <statut> [commentaire]`;
  return {
    text: fallback(`Le formulaire n’a pas pu s’ouvrir : tapez ${usage}`),
    blocks: sections(
      `Le formulaire de mise à jour n’a pas pu s’ouvrir (Slack l’a refusé, sans doute un délai dépassé). Tapez plutôt : \`${escapeMrkdwn(usage)}\` — statuts : ${VALID_STATUSES_FR}.`,
    ),
  };
}

export type CompletableVerb = 'voir' | 'statut' | 'jalon' | 'historique' | 'abonner' | 'desabonner';

/** What a completion modal carries to its submission. */
export interface CompleteModalMeta {
  verb: CompletableVerb;
  channel: string;
}

const COMPLETE_TITLE: Record<CompletableVerb, string> = {
  voir: 'Voir une mesure',
  statut: 'Statut d’une mesure',
  jalon: 'Statut d’un jalon',
  historique: 'Historique',
  abonner: 'Abonner ce canal',
  desabonner: 'Désabonner ce canal',
};

/** A /mesure command typed without its arguments: the form asks for them. */
export function buildCompleteModal(
  verb: CompletableVerb,
  known: { ref: string | null; status: Status | null; comment: string | null },
  channel: string,
): ModalView {
  const blocks: Block[] = [];
  if (verb === 'abonner' || verb === 'desabonner') {
    blocks.push(textInput(FIELDS.scope, 'Portée', null, 'chantier:3, pilier:2 ou programme:segur'));
  } else if (verb === 'jalon') {
    blocks.push(textInput(FIELDS.ref, 'Jalon (ID)', known.ref, 'SEGUR-M25-J2'));
  } else {
    blocks.push(textInput(FIELDS.ref, 'Mesure (ID ou nom)', known.ref, 'MS-C1-P3, SEGUR-M25, SAS…'));
  }
  if (verb === 'statut' || verb === 'jalon') blocks.push(statusSelect(known.status), commentInput(known.comment));
  const meta: CompleteModalMeta = { verb, channel };
  return {
    type: 'modal',
    callback_id: VIEWS.complete,
    title: title(COMPLETE_TITLE[verb]),
    submit: plainText('Valider', LIMITS.modalButton),
    close: plainText('Annuler', LIMITS.modalButton),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

/** What the "Signaler une erreur" modal carries to its submission. */
export interface FeedbackModalMeta {
  answerId: number;
  channel: string;
  threadTs: string | null;
}

/** "Signaler une erreur": one short text. */
export function buildFeedbackModal(meta: FeedbackModalMeta): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.feedback,
    title: title('Signaler une erreur'),
    submit: plainText('Envoyer', LIMITS.modalButton),
    close: plainText('Annuler', LIMITS.modalButton),
    private_metadata: JSON.stringify(meta),
    blocks: [
      {
        type: 'input',
        block_id: FIELDS.comment,
        label: plainText('Qu’est-ce qui est inexact ?'),
        hint: plainText('La réponse, la question et les passages cités sont enregistrés avec votre message.'),
        element: { type: 'plain_text_input', action_id: FIELDS.comment, multiline: true, max_length: 1000 },
      },
    ],
  };
}

/**
 * A read-only modal showing a reply (a scope's point, a measure's card) opened from the App Home.
 * Its buttons are left out: a modal has no channel to answer them in.
 */
export function buildInfoModal(titleText: string, blocks: readonly Block[]): ModalView {
  const shown = blocks.filter((b) => b.type !== 'actions').slice(0, LIMITS.blocksPerModal);
  return { type: 'modal', callback_id: VIEWS.info, title: title(titleText), close: plainText('Fermer', LIMITS.modalButton), blocks: shown.length ? shown : sections(' ') };
}
