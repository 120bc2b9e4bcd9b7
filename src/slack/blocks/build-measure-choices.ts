import type { Measure, Milestone } from '../../domain/types.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { button, context, fallback, section, sections } from './block-builders.js';
import { LIMITS, type Block, type MessageContent } from './block-kit.js';
import { MEASURE_ACTIONS } from './build-measure-card.js';
import { formatDateFr, statusBadge } from './format-fr.js';
import { truncateText } from './split-text.js';

/** Block ids of choice lines start with this: a choice made replaces the list. */
export const CHOICE_BLOCK_PREFIX = 'choice:';

/** Most choices offered: past that, the person should type more precisely. */
const MAX_CHOICES = 10;

/**
 * "Plusieurs mesures correspondent" — one line per candidate with a button that runs the command
 * again with that ID (`command(id)` is the /mesure text, e.g. "statut MS-C3-P4 fait").
 */
export function buildMeasureChoices(prompt: string, measures: readonly Measure[], command: (id: string) => string, buttonText = 'Choisir'): MessageContent {
  const shown = measures.slice(0, MAX_CHOICES);
  const blocks: Block[] = [...sections(prompt)];
  shown.forEach((m, i) => {
    blocks.push({
      ...section(`*${escapeMrkdwn(m.id)}* — ${escapeMrkdwn(truncateText(m.title, 200))}\n${statusBadge(m.status)}`, button(MEASURE_ACTIONS.run, buttonText, command(m.id))),
      block_id: `${CHOICE_BLOCK_PREFIX}${i}`,
    });
  });
  if (measures.length > shown.length) blocks.push(context(`… et ${measures.length - shown.length} autres : précisez votre recherche.`));
  return { text: fallback(`${measures.length} mesures correspondent`), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

/** "Quel jalon ?" — a measure's milestones, each with a button running `command(milestoneId)`. */
export function buildMilestoneChoices(prompt: string, measure: Measure, command: (id: string) => string): MessageContent {
  const blocks: Block[] = [...sections(prompt)];
  const max = LIMITS.blocksPerMessage - blocks.length - 1;
  const list: Milestone[] = measure.milestones.slice(0, max);
  list.forEach((ms, i) => {
    const when = ms.due ? formatDateFr(ms.due) : 'non daté';
    blocks.push({
      ...section(`\`${ms.id}\` · ${statusBadge(ms.status)} · ${when}\n${escapeMrkdwn(truncateText(ms.text, 250))}`, button(MEASURE_ACTIONS.run, 'Choisir', command(ms.id))),
      block_id: `${CHOICE_BLOCK_PREFIX}${i}`,
    });
  });
  if (measure.milestones.length > list.length) blocks.push(context(`… et ${measure.milestones.length - list.length} autres jalons.`));
  return { text: fallback(`Jalons de ${measure.id}`), blocks };
}
