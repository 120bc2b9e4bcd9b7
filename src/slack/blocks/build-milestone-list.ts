import type { Measure } from '../../domain/types.js';
import type { OverdueItem, UpcomingItem } from '../../digest/build-digest.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { context, fallback, sections } from './block-builders.js';
import { LIMITS, type Block, type MessageContent } from './block-kit.js';
import { formatDateFr, plural, statusBadge } from './format-fr.js';
import { truncateText } from './split-text.js';

/** Most items listed in one reply; the rest is counted. */
const MAX_ITEMS = 60;

type Item = OverdueItem | UpcomingItem;

function itemLine(item: Item): string {
  const when = 'daysLate' in item ? `dû le ${formatDateFr(item.due)} · *${item.daysLate} j de retard*` : `le ${formatDateFr(item.due)} · dans ${item.daysLeft} j`;
  const pilots = item.pilots.length ? ` · ${escapeMrkdwn(truncateText(item.pilots.join(', '), 120))}` : '';
  return `• \`${item.id}\` · ${when} — ${escapeMrkdwn(truncateText(item.text, 250))}\n    _${escapeMrkdwn(item.measureId)} — ${escapeMrkdwn(truncateText(item.measureTitle, 150))}_${pilots}`;
}

function measureLine(m: Measure): string {
  return `• *${escapeMrkdwn(m.id)}* — ${escapeMrkdwn(truncateText(m.title, 200))} · ${statusBadge(m.status)}`;
}

function list(lines: string[]): Block[] {
  const shown = lines.slice(0, MAX_ITEMS);
  const blocks: Block[] = sections(shown.join('\n'));
  if (lines.length > shown.length) blocks.push(context(`… et ${lines.length - shown.length} autres : précisez une portée.`));
  return blocks;
}

/** `/mesure retards`: overdue milestones (most late first), then measures people marked late or blocked. */
export function buildLateList(rawTitle: string, overdue: readonly OverdueItem[], flagged: readonly Measure[]): MessageContent {
  const title = escapeMrkdwn(rawTitle);
  if (overdue.length === 0 && flagged.length === 0) {
    return { text: fallback(`${rawTitle} : aucun retard`), blocks: sections(`*${title}*\n✅ Aucun jalon en retard.`) };
  }
  const blocks: Block[] = [...sections(`*${title}* — ${plural(overdue.length, 'jalon')} en retard`)];
  if (overdue.length) blocks.push(...list(overdue.map(itemLine)));
  if (flagged.length) blocks.push(...sections('*Mesures signalées en retard ou bloquées*'), ...list(flagged.map(measureLine)));
  return { text: fallback(`${rawTitle} : ${overdue.length} jalon(s) en retard`), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

/** `/mesure prochains`: milestones due within `days` days, soonest first. */
export function buildUpcomingList(rawTitle: string, upcoming: readonly UpcomingItem[], days: number): MessageContent {
  const title = escapeMrkdwn(rawTitle);
  if (upcoming.length === 0) {
    return { text: fallback(`${rawTitle} : rien dans les ${days} jours`), blocks: sections(`*${title}*\nAucun jalon prévu dans les ${days} prochains jours.`) };
  }
  const blocks: Block[] = [...sections(`*${title}* — ${plural(upcoming.length, 'jalon')} dans les ${days} prochains jours`), ...list(upcoming.map(itemLine))];
  return { text: fallback(`${rawTitle} : ${upcoming.length} jalon(s) à venir`), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}
