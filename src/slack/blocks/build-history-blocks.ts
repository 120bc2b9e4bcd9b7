import { STATUS_FR, type Measure, type StatusChange } from '../../domain/types.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { context, fallback, sections } from './block-builders.js';
import type { Block, MessageContent } from './block-kit.js';
import { formatDateFr, personLabel } from './format-fr.js';
import { truncateText } from './split-text.js';

const MAX_CHANGES = 40;

const ORIGIN_FR: Record<StatusChange['origin'], string> = { seed: 'documents', slack: 'Slack', cli: 'ligne de commande', import: 'import de tableur' };

function historyLine(c: StatusChange): string {
  const from = c.oldStatus ? STATUS_FR[c.oldStatus] : '—';
  const who = c.origin === 'seed' ? '_documents_' : personLabel(c.who);
  const comment = c.comment ? ` — « ${escapeMrkdwn(truncateText(c.comment, 300))} »` : '';
  return `• ${formatDateFr(c.at)} · ${who} · \`${escapeMrkdwn(c.targetId)}\` : ${from} → *${STATUS_FR[c.newStatus]}*${comment} _(${ORIGIN_FR[c.origin]})_`;
}

/** `/mesure historique <ID>`: the status changes of a measure and its milestones, latest first. */
export function buildHistoryBlocks(measure: Measure, changes: readonly StatusChange[]): MessageContent {
  const title = `*Historique de ${escapeMrkdwn(measure.id)}* — ${escapeMrkdwn(truncateText(measure.title, 200))}`;
  if (changes.length === 0) return { text: fallback(`Historique de ${measure.id} : vide`), blocks: sections(`${title}\nAucun changement de statut enregistré.`) };
  const latest = [...changes].reverse();
  const shown = latest.slice(0, MAX_CHANGES);
  const blocks: Block[] = sections(`${title}\n${shown.map(historyLine).join('\n')}`);
  if (latest.length > shown.length) blocks.push(context(`… et ${latest.length - shown.length} changements plus anciens.`));
  return { text: fallback(`Historique de ${measure.id} : ${changes.length} changement(s)`), blocks };
}
