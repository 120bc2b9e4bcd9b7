import { actions, button, context, fallback, header, section } from '../slack/blocks/block-builders.js';
import { MEASURE_ACTIONS } from '../slack/blocks/build-measure-card.js';
import { LIMITS, type Block, type MessageContent } from '../slack/blocks/block-kit.js';
import { personLabel } from '../slack/blocks/format-fr.js';
import { escapeMrkdwn } from '../slack/escape-mrkdwn.js';
import { donePercent, isEmptyDigest, type Digest } from './build-digest.js';
import { detailText, digestSections, groupByMeasure, sectionCommand, shorten, type MeasureGroup } from './digest-sections.js';
import { formatDayLong, formatDayShort } from './format-day-fr.js';
import { progressBar } from './progress-bar.js';
import { localDay } from './zoned-time.js';

/** Buttons of each project in a digest: the measure card's ids, handled by the Slack app. */
export const DIGEST_ACTIONS = { view: MEASURE_ACTIONS.view, update: MEASURE_ACTIONS.update } as const;

export interface DigestBlocksOptions {
  /** Items shown per section before "+N autres" (about 10). */
  maxItems?: number;
  /** Blocks the message may use (50; less when the caller adds its own around it). */
  maxBlocks?: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** "▓▓▓▓░░ 62 % des jalons faits (81/130)". */
export function progressLine(digest: Digest): string {
  const pct = donePercent(digest.stats);
  return `${progressBar(pct)} ${pct} % des jalons faits (${digest.stats.done}/${digest.stats.milestones})`;
}

function countsLine(digest: Digest): string {
  return [
    `🔴 ${digest.stats.overdue} en retard`,
    `🗓️ ${digest.stats.upcoming} sous ${digest.horizonDays} j`,
    `🔄 ${plural(digest.changed.length, 'changement', 'changements')}`,
    `✅ ${plural(digest.done.length, 'fait', 'faits')} depuis le ${formatDayShort(localDay(new Date(digest.since), digest.timeZone))}`,
  ].join(' · ');
}

function groupText(group: MeasureGroup): string {
  const pilots = group.pilots.length ? ` — _${escapeMrkdwn(shorten(group.pilots.join(', '), 100))}_` : '';
  const head = `*${escapeMrkdwn(group.measureId)}* · ${escapeMrkdwn(shorten(group.measureTitle, 100))}${pilots}`;
  const lines = group.items.map((item) => {
    const comment = item.comment ? `\n      _« ${escapeMrkdwn(item.comment)} »_` : '';
    // Persons as in notices and cards: a Slack user is mentioned.
    const detail = detailText(item.detail, { text: escapeMrkdwn, person: personLabel });
    return `• \`${escapeMrkdwn(item.id)}\` ${escapeMrkdwn(item.text)} — ${detail}${comment}`;
  });
  return [head, ...lines].join('\n');
}

/**
 * A digest as one Slack message: a header with the date and scope, the progress bar and counts,
 * then each non-empty section grouped by project, each project with "Voir" / "Mettre à jour"
 * buttons (value = measure id). Sections show at most `maxItems` items and end with
 * "+N autres — /mesure …"; the block budget (50) is shared out so that every section gets room.
 * Every echoed text is escaped. Nothing to report → one short line. Pure.
 */
export function renderDigestBlocks(digest: Digest, options: DigestBlocksOptions = {}): MessageContent {
  const maxItems = options.maxItems ?? 10;
  const pct = donePercent(digest.stats);
  const text = fallback(
    `Point ${digest.title} : ${digest.stats.overdue} en retard, ${digest.stats.upcoming} à échéance sous ${digest.horizonDays} jours, ${pct} % des jalons faits`,
  );
  if (isEmptyDigest(digest)) return { text, blocks: [section(emptyLine(digest))] };

  const blocks: Block[] = [
    header(`Point du ${formatDayLong(digest.asOf)} — ${digest.title}`),
    section(`${escapeMrkdwn(progressLine(digest))}\n${escapeMrkdwn(countsLine(digest))}`),
  ];
  const sections = digestSections(digest, maxItems);
  // Each section needs a title and may need a "+N autres" line; projects take two blocks each.
  let budget = Math.min(options.maxBlocks ?? LIMITS.blocksPerMessage, LIMITS.blocksPerMessage) - blocks.length - sections.length * 2;
  sections.forEach((s, i) => {
    const share = Math.floor(budget / (sections.length - i));
    const shown: typeof s.items = [];
    const seen = new Set<string>();
    for (const item of s.items) {
      if (shown.length >= maxItems) break;
      if (!seen.has(item.measureId)) {
        if ((seen.size + 1) * 2 > share) break;
        seen.add(item.measureId);
      }
      shown.push(item);
    }
    blocks.push(section(`*${s.emoji} ${escapeMrkdwn(s.title)} (${s.total})*`));
    for (const group of groupByMeasure(shown)) {
      blocks.push(
        section(groupText(group)),
        actions(
          `digest:${s.key}:${group.measureId}`.slice(0, 255),
          button(DIGEST_ACTIONS.view, 'Voir', group.measureId),
          button(DIGEST_ACTIONS.update, 'Mettre à jour', group.measureId),
        ),
      );
    }
    budget -= seen.size * 2;
    const hidden = s.total - shown.length;
    const command = sectionCommand(s.key, digest.scope);
    if (hidden > 0) blocks.push(context(escapeMrkdwn(`+${plural(hidden, 'autre', 'autres')}${command ? ` — ${command}` : ''}`)));
    else budget += 1;
  });
  return { text, blocks };
}

/** The one line posted when a scope has nothing to report (mrkdwn, escaped). */
function emptyLine(digest: Digest): string {
  return `✅ *${escapeMrkdwn(digest.title)}* — rien à signaler : aucun jalon en retard ni à échéance sous ${digest.horizonDays} jours, aucun changement depuis le ${formatDayShort(localDay(new Date(digest.since), digest.timeZone))}. ${escapeMrkdwn(progressLine(digest))}`;
}
