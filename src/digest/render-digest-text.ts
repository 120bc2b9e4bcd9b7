import { isEmptyDigest, type Digest } from './build-digest.js';
import { detailText, digestSections, groupByMeasure, sectionCommand, shorten } from './digest-sections.js';
import { formatDayLong, formatDayShort } from './format-day-fr.js';
import { progressLine } from './render-digest-blocks.js';
import { localDay } from './zoned-time.js';

/** A terminal shows words and persons as recorded (a Slack user id stays an id). */
const PLAIN = { text: (raw: string) => raw, person: (who: string) => who };

/**
 * A digest for a terminal: the same sections, grouping and caps as the Slack message, as plain
 * lines. `maxItems` = Infinity lists everything. Pure.
 */
export function renderDigestText(digest: Digest, options: { maxItems?: number } = {}): string {
  const maxItems = options.maxItems ?? 10;
  const out: string[] = [`Point du ${formatDayLong(digest.asOf)} — ${digest.title}`, progressLine(digest)];
  out.push(
    `${digest.stats.overdue} en retard · ${digest.stats.upcoming} à échéance sous ${digest.horizonDays} jours · ${digest.changed.length} changement(s) et ${digest.done.length} fait(s) depuis le ${formatDayShort(localDay(new Date(digest.since), digest.timeZone))}`,
  );
  if (isEmptyDigest(digest)) {
    out.push('', 'Rien à signaler.');
    return out.join('\n');
  }
  for (const s of digestSections(digest, maxItems)) {
    out.push('', `${s.title} (${s.total})`);
    const shown = s.items;
    for (const group of groupByMeasure(shown)) {
      const pilots = group.pilots.length ? ` — ${shorten(group.pilots.join(', '), 100)}` : '';
      out.push(`  ${group.measureId} · ${shorten(group.measureTitle, 100)}${pilots}`);
      for (const item of group.items) {
        out.push(`    ${item.id}  ${item.text} — ${detailText(item.detail, PLAIN)}`);
        if (item.comment) out.push(`      « ${item.comment} »`);
      }
    }
    const hidden = s.total - shown.length;
    const command = sectionCommand(s.key, digest.scope);
    if (hidden > 0) out.push(`  +${hidden} autre(s)${command ? ` — ${command}` : ''} (toute la liste : jalon digest --json)`);
  }
  return out.join('\n');
}
