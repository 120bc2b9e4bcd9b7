import type { Measure, Milestone } from '../../domain/types.js';
import { escapeMrkdwn } from '../escape-mrkdwn.js';
import { actions, button, context, fallback, fieldsSection, header, sections } from './block-builders.js';
import type { Block, MessageContent } from './block-kit.js';
import { formatDateFr, personLabel, statusBadge } from './format-fr.js';
import { truncateText } from './split-text.js';

/** Action ids of measure buttons (digests use the same "Voir" / "Mettre à jour" ids). */
export const MEASURE_ACTIONS = {
  /** Shows the measure's card; value = measure id. */
  view: 'measure_view',
  /** Opens the status modal; value = measure id. */
  update: 'measure_update',
  /** Runs the /mesure command in its value (choices, history, cards). */
  run: 'mesure_run',
} as const;

const KIND_FR: Record<Measure['kind'], string> = {
  project: 'projet',
  subproject: 'sous-projet',
  measure: 'mesure',
  accord: 'accord',
  proposal: 'proposition',
};

/** Milestones still to reach, soonest first (undated last). */
export function openMilestones(measure: Measure): Milestone[] {
  return measure.milestones
    .filter((m) => m.status !== 'done' && m.status !== 'cancelled')
    .sort((a, b) => (a.due ?? '9999') .localeCompare(b.due ?? '9999'));
}

/** "• 🟠 `MS-C3-P4-J2` · 31/12/2020 (« fin 2020 ») — texte". */
export function milestoneLine(m: Milestone): string {
  // "À compter de mi-2019": a start, no deadline.
  const when = m.due ? formatDateFr(m.due) : m.from ? `à partir du ${formatDateFr(m.from)}` : 'non daté';
  const label = m.label ? ` (« ${escapeMrkdwn(m.label)} »)` : '';
  return `• ${statusBadge(m.status)} \`${m.id}\` · ${when}${label} — ${escapeMrkdwn(truncateText(m.text, 300))}`;
}

/** "chantier 3 — Titre du chantier", "pilier 2", or the group title alone. */
function groupLine(m: Measure): string | null {
  const name = m.chantier !== null ? `Chantier ${m.chantier}` : m.pilier !== null ? `Pilier ${m.pilier}` : null;
  const title = m.groupTitle ? escapeMrkdwn(m.groupTitle) : null;
  if (name && title) return `${name} — ${title}`;
  return name ?? title;
}

export interface MeasureCardOptions {
  /** Document title of the measure's seed file. */
  sourceTitle: string;
  /** Milestones listed (the next ones); default 5. */
  milestones?: number;
}

/**
 * A measure's card: title, ID, chantier or pilier, pilots, dates, status (and who set it), next
 * milestones, sources, and the "Mettre à jour le statut" / "Historique" buttons. Every document
 * text is escaped; every block keeps Slack's limits.
 */
export function buildMeasureCard(measure: Measure, options: MeasureCardOptions): MessageContent {
  const setBy = measure.statusSetBy ? ` — par ${personLabel(measure.statusSetBy)}${measure.statusSetAt ? ` le ${formatDateFr(measure.statusSetAt)}` : ''}` : '';
  const group = groupLine(measure);
  const blocks: Block[] = [
    header(measure.title),
    context(
      `*${escapeMrkdwn(measure.id)}*`,
      escapeMrkdwn(measure.programme),
      ...(group ? [group] : []),
      KIND_FR[measure.kind],
      ...(measure.parent ? [`sous-projet de ${escapeMrkdwn(measure.parent)}`] : []),
    ),
    fieldsSection([
      ['Statut', `${statusBadge(measure.status)}${setBy}`],
      ['Pilotes', measure.pilots.length ? escapeMrkdwn(measure.pilots.join(', ')) : '_non précisés_'],
      ['Début', measure.start ? escapeMrkdwn(measure.start.label) : '_non précisé_'],
      ['Fin', measure.end ? escapeMrkdwn(measure.end.label) : '_non précisée_'],
    ]),
  ];
  if (measure.description) blocks.push(...sections(escapeMrkdwn(truncateText(measure.description, 700))));
  const next = openMilestones(measure);
  const shown = next.slice(0, options.milestones ?? 5);
  if (shown.length > 0) {
    const more = next.length > shown.length ? `\n_… et ${next.length - shown.length} autre(s) jalon(s)_` : '';
    blocks.push(...sections(`*Prochains jalons*\n${shown.map(milestoneLine).join('\n')}${more}`));
  } else if (measure.milestones.length > 0) {
    blocks.push(...sections('*Jalons* : tous atteints ou abandonnés.'));
  }
  const lines = measure.source.lines;
  blocks.push(context(`Source : _${escapeMrkdwn(options.sourceTitle)}_ · lignes ${lines[0]}–${lines[1]}`));
  blocks.push(
    actions(
      `measure:${measure.id}`,
      button(MEASURE_ACTIONS.update, 'Mettre à jour le statut', measure.id, 'primary'),
      button(MEASURE_ACTIONS.run, 'Historique', `historique ${measure.id}`),
    ),
  );
  return { text: fallback(`${measure.id} — ${measure.title}`), blocks };
}
