import type { Digest, DigestMeasure, DigestStats } from '../digest/build-digest.js';
import { shorten } from '../digest/digest-sections.js';

/** Where a milestone stands on the day of the picture (cancelled ones are not drawn). */
export type TimelineState = 'done' | 'overdue' | 'soon' | 'later';

/** One milestone to draw: on its row, at its due day. */
export interface TimelinePoint {
  /** Milestone ID. */
  id: string;
  measureId: string;
  /** Key of its row (TimelineRow.key). */
  row: string;
  /** ISO day it is due. */
  due: string;
  state: TimelineState;
  /** Days late, for an overdue milestone; else null. */
  daysLate: number | null;
}

export interface TimelineRow {
  key: string;
  /** What the row is called on the picture ("MS-C3-P4 · Engagement maternité"), unique. */
  label: string;
}

/**
 * A scope (or one measure) on a time axis, as of a day: what a timeline picture shows, as plain
 * data. The chart is drawn from it by a charting library (timeline-spec.ts), never by hand.
 */
export interface Timeline {
  /** "chantier:3", a measure ID, or null for every measure. */
  subject: string | null;
  title: string;
  /** The local day the picture is for (the "today" line). */
  asOf: string;
  horizonDays: number;
  /** One row per project or measure; one per milestone for a single measure. */
  rowsAre: 'measures' | 'milestones';
  /** Rows in catalogue order (at most maxRows). */
  rows: TimelineRow[];
  points: TimelinePoint[];
  /** Rows left out past maxRows: the least urgent ones. */
  hiddenRows: number;
  /** Milestones (not cancelled) without a date: they cannot be placed. */
  undated: number;
  /** Milestones, done, overdue and upcoming counts of the whole scope (the digest's). */
  stats: DigestStats;
}

export interface TimelineOptions {
  /** Rows drawn at most; the others are counted ("+N autres"). 40 fits the largest chantier. */
  maxRows?: number;
  /** One row per milestone instead of per measure (a single measure's picture). */
  rowsAre?: 'measures' | 'milestones';
  /** Replaces the digest's title (a measure's picture is titled by the measure). */
  title?: string;
  /** Replaces the digest's scope as the subject (a measure ID). */
  subject?: string | null;
}

export const DEFAULT_MAX_ROWS = 40;
const LABEL_CHARS = 36;

/** How urgent a row is, for choosing which rows to keep: overdue, then upcoming, then open, then done. */
const URGENCY: Record<TimelineState, number> = { overdue: 0, soon: 1, later: 2, done: 3 };

/**
 * The timeline of a digest's scope: each dated milestone of `measures` (the scope's, with statuses
 * as of the digest's day) in the state the digest gives it — overdue and upcoming exactly as the
 * digest lists them, done, or later. Rows past `maxRows` are dropped least urgent first (a row
 * with an overdue milestone is always kept before one without), then shown in catalogue order.
 * Pure.
 */
export function buildTimeline(digest: Digest, measures: readonly DigestMeasure[], options: TimelineOptions = {}): Timeline {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const rowsAre = options.rowsAre ?? 'measures';
  const late = new Map(digest.overdue.map((m) => [m.id, m.daysLate]));
  const soon = new Set(digest.upcoming.map((m) => m.id));

  const rows: { row: TimelineRow; rank: number; urgency: number; points: TimelinePoint[] }[] = [];
  let undated = 0;
  measures.forEach((measure, i) => {
    const perMeasure: TimelinePoint[] = [];
    measure.milestones.forEach((milestone, j) => {
      if (milestone.status === 'cancelled') return;
      if (milestone.due === null) {
        undated += 1;
        return;
      }
      const state: TimelineState =
        milestone.status === 'done' ? 'done' : late.has(milestone.id) ? 'overdue' : soon.has(milestone.id) ? 'soon' : 'later';
      const point: TimelinePoint = { id: milestone.id, measureId: measure.id, row: '', due: milestone.due, state, daysLate: late.get(milestone.id) ?? null };
      if (rowsAre === 'milestones') {
        const label = `${milestone.id.slice(measure.id.length + 1) || milestone.id} · ${shorten(milestone.text, LABEL_CHARS)}`;
        point.row = milestone.id;
        rows.push({ row: { key: milestone.id, label }, rank: i * 10_000 + j, urgency: URGENCY[state], points: [point] });
      } else {
        point.row = measure.id;
        perMeasure.push(point);
      }
    });
    if (rowsAre === 'measures' && perMeasure.length > 0) {
      rows.push({
        row: { key: measure.id, label: `${measure.id} · ${shorten(measure.title, LABEL_CHARS)}` },
        rank: i,
        urgency: Math.min(...perMeasure.map((p) => URGENCY[p.state])),
        points: perMeasure,
      });
    }
  });

  const kept = [...rows]
    .sort((a, b) => a.urgency - b.urgency || a.rank - b.rank)
    .slice(0, maxRows)
    .sort((a, b) => a.rank - b.rank);
  return {
    subject: options.subject === undefined ? digest.scope : options.subject,
    title: options.title ?? digest.title,
    asOf: digest.asOf,
    horizonDays: digest.horizonDays,
    rowsAre,
    rows: kept.map((r) => r.row),
    points: kept.flatMap((r) => r.points),
    hiddenRows: rows.length - kept.length,
    undated,
    stats: digest.stats,
  };
}

/** "frise-chantier-3-2019-10-07.png": the subject and day, in characters any file system takes. */
export function timelineFileName(timeline: Pick<Timeline, 'subject' | 'asOf'>): string {
  const subject = (timeline.subject ?? 'tout')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `frise-${subject || 'tout'}-${timeline.asOf}.png`;
}
