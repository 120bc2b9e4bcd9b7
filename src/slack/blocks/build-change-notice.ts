import { STATUS_FR, type Measure, type StatusChange } from '../../domain/types.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { fallback, sections } from './block-builders.js';
import type { MessageContent } from './block-kit.js';
import { personLabel } from './format-fr.js';
import { truncateText } from './split-text.js';

/** What changed, in words: "`MS-C3-P4-J2` (jalon de *MS-C3-P4* — titre)" or "*MS-C3-P4* — titre". */
function targetLine(change: StatusChange, measure: Measure): string {
  const title = escapeMrkdwn(truncateText(measure.title, 200));
  if (change.targetKind === 'measure') return `*${escapeMrkdwn(measure.id)}* — ${title}`;
  const milestone = measure.milestones.find((m) => m.id === change.targetId);
  const text = milestone ? ` « ${escapeMrkdwn(truncateText(milestone.text, 200))} »` : '';
  return `le jalon \`${escapeMrkdwn(change.targetId)}\`${text} de *${escapeMrkdwn(measure.id)}* — ${title}`;
}

/** The notice posted in a subscribed channel when a person changes a status. */
export function buildChangeNotice(change: StatusChange, measure: Measure): MessageContent {
  const from = change.oldStatus ? STATUS_FR[change.oldStatus] : '—';
  const comment = change.comment ? `\n> ${escapeMrkdwn(truncateText(change.comment, 500)).replace(/\n/g, '\n> ')}` : '';
  const text = `🔄 ${personLabel(change.who)} a passé ${targetLine(change, measure)} de _${from}_ à *${STATUS_FR[change.newStatus]}*.${comment}`;
  return { text: fallback(`${change.targetId} : ${from} → ${STATUS_FR[change.newStatus]}`), blocks: sections(text) };
}
