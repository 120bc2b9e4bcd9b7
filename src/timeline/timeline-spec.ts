import type { TopLevelSpec } from 'vega-lite';
import { donePercent } from '../digest/build-digest.js';
import { formatDayLong, formatDayShort } from '../digest/format-day-fr.js';
import type { Timeline, TimelineState } from './build-timeline.js';
import { FRENCH_LOCALE } from './french-locale.js';

/** The font every picture is drawn with: shipped as a package, so every machine draws the same. */
export const TIMELINE_FONT = 'Roboto';

/** Colours of the states: also what tests look for in the pixels. */
export const STATE_COLORS: Record<TimelineState, string> = {
  done: '#2e7d32',
  overdue: '#d62728',
  soon: '#f28e2b',
  later: '#4e79a7',
};
/** The span from an overdue milestone's due day to today. */
export const LATENESS_COLOR = '#f4b6b6';
export const TODAY_COLOR = '#222222';

/** The layer of the milestone dots (its marks are looked up in the rendered scene). */
export const MILESTONE_LAYER = 'milestones';

/** Width of the time axis, in pixels; the labels and margins come on top (the picture is wider). */
export const PLOT_WIDTH = 1000;
/** Height of one row, in pixels. */
export const ROW_STEP = 24;

const STATE_ORDER: TimelineState[] = ['done', 'overdue', 'soon', 'later'];

/** The legend's words for each state. */
export function stateLabels(horizonDays: number): Record<TimelineState, string> {
  return { done: 'Fait', overdue: 'En retard (jours de retard)', soon: `À échéance sous ${horizonDays} j`, later: 'Plus tard' };
}

/**
 * Days the time axis always spans, whatever the milestones: two months before today to three
 * after, so that a measure with two close milestones still reads against the months around it.
 */
function contextDays(asOf: string): [string, string] {
  const day = (offset: number) => new Date(Date.parse(`${asOf}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  return [day(-60), day(90)];
}

/** The title's second line: the day, then the counts. */
function subtitleLines(t: Timeline): string[] {
  const { stats } = t;
  const lines = [
    `Frise au ${formatDayLong(t.asOf)} · ${stats.done}/${stats.milestones} jalons faits (${donePercent(stats)} %) · ${stats.overdue} en retard · ${stats.upcoming} à échéance sous ${t.horizonDays} jours`,
  ];
  const notes: string[] = [];
  if (t.hiddenRows > 0) {
    const one = t.hiddenRows === 1;
    const what =
      t.rowsAre === 'measures'
        ? `${one ? 'autre mesure non affichée (la moins urgente)' : 'autres mesures non affichées (les moins urgentes)'}`
        : `${one ? 'autre jalon non affiché (le moins urgent)' : 'autres jalons non affichés (les moins urgents)'}`;
    notes.push(`+${t.hiddenRows} ${what}`);
  }
  if (t.undated > 0) notes.push(t.undated === 1 ? '1 jalon sans date non placé' : `${t.undated} jalons sans date non placés`);
  if (notes.length) lines.push(notes.join(' · '));
  return lines;
}

const CONFIG = {
  font: TIMELINE_FONT,
  background: 'white',
  padding: 24,
  locale: FRENCH_LOCALE,
  view: { stroke: null },
  title: { fontSize: 24, subtitleFontSize: 15, anchor: 'start', offset: 14, subtitlePadding: 8, color: '#111111', subtitleColor: '#333333' },
  axis: { labelFontSize: 13, titleFontSize: 13, labelColor: '#222222', domainColor: '#888888', tickColor: '#888888', gridColor: '#e8e8e8' },
  legend: { labelFontSize: 14, titleFontSize: 14, labelLimit: 0, symbolSize: 170, orient: 'top', direction: 'horizontal', columnPadding: 28, offset: 16 },
} as const;

/** A milestone's dot, as the chart reads it. */
export interface ChartPoint {
  id: string;
  /** The row's label (the y axis shows it). */
  row: string;
  /** Catalogue order of the row: the y axis is sorted by it. */
  rank: number;
  due: string;
  /** The legend's word for its state. */
  state: string;
  /** "37 j" for an overdue milestone, else null. */
  late: string | null;
  today: string;
}

/** What one picture draws; the specification around it depends only on the horizon. */
export interface TimelineChartData {
  title: string;
  subtitle: string[];
  /** Dots, in drawing order: the overdue ones last, on top of anything at the same place. */
  points: ChartPoint[];
  /** One row: today's day and label, and the days the time axis always spans. */
  today: { today: string; label: string; from: string; to: string }[];
}

const DRAW_ORDER: TimelineState[] = ['done', 'later', 'soon', 'overdue'];

/** The data of a timeline picture. Pure. */
export function timelineChartData(t: Timeline): TimelineChartData {
  const labels = stateLabels(t.horizonDays);
  const rows = new Map(t.rows.map((r, i) => [r.key, { label: r.label, rank: i }]));
  const points = [...t.points]
    .sort((a, b) => DRAW_ORDER.indexOf(a.state) - DRAW_ORDER.indexOf(b.state))
    .map((p) => {
      const row = rows.get(p.row)!;
      return { id: p.id, row: row.label, rank: row.rank, due: p.due, state: labels[p.state], late: p.daysLate === null ? null : `${p.daysLate} j`, today: t.asOf };
    });
  const [from, to] = contextDays(t.asOf);
  return { title: t.title, subtitle: subtitleLines(t), points, today: [{ today: t.asOf, label: `aujourd’hui, ${formatDayShort(t.asOf)}`, from, to }] };
}

/** Named data sources and parameters of the template, filled in for each picture. */
export const CHART_INPUTS = { points: 'points', today: 'today', title: 'title_text', subtitle: 'subtitle_text' } as const;

/**
 * The Vega-Lite specification of every timeline picture with this horizon: one row per project (or
 * milestone), each milestone a dot on a time axis in its state's colour, a light bar from an overdue
 * milestone's due day to today with its days late, a dashed line for today, the title, the day and a
 * French legend. Its data (named sources `points` and `today`) and its title (parameters) come with
 * each picture, so the specification is compiled once. All geometry is the library's. Pure.
 */
export function timelineTemplate(horizonDays: number): TopLevelSpec {
  const labels = stateLabels(horizonDays);
  const points = { name: CHART_INPUTS.points };
  const overdue = [{ filter: 'datum.late !== null' }];
  // The time axis: its scale and axis are given once (the dots' layer), the other layers share them.
  const x = { field: 'due', type: 'temporal', title: null } as const;
  const xAxis = {
    ...x,
    scale: { type: 'utc', padding: 24 },
    // About six ticks: months on a short span, quarters or years on a long one, always with the year.
    axis: { grid: true, labelOverlap: true, tickCount: 6, format: '%b %Y' },
  } as const;
  const today = { field: 'today', type: 'temporal' } as const;

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: [
      { name: CHART_INPUTS.title, value: '' },
      { name: CHART_INPUTS.subtitle, value: [] },
    ],
    // Vega-Lite's types take an expression for the title's text only; it compiles the subtitle's too.
    title: { text: { expr: CHART_INPUTS.title }, subtitle: { expr: CHART_INPUTS.subtitle } as unknown as string[] },
    width: PLOT_WIDTH,
    height: { step: ROW_STEP },
    config: CONFIG,
    encoding: {
      y: { field: 'row', type: 'nominal', sort: { field: 'rank', op: 'min' }, title: null, axis: { labelLimit: 0, grid: true, labelPadding: 8 } },
    },
    layer: [
      {
        // Not drawn: makes the time axis span the context days around today.
        data: { name: CHART_INPUTS.today },
        mark: { type: 'rule', opacity: 0 },
        encoding: { x: { field: 'from', type: 'temporal' }, x2: { field: 'to' }, y: { value: 0 } },
      },
      {
        data: points,
        transform: overdue,
        mark: { type: 'bar', height: 6, color: LATENESS_COLOR, cornerRadius: 3 },
        encoding: { x, x2: { field: 'today' } },
      },
      {
        data: { name: CHART_INPUTS.today },
        mark: { type: 'rule', color: TODAY_COLOR, strokeWidth: 2, strokeDash: [7, 5] },
        encoding: { x: today, y: { value: -6 }, y2: { value: { expr: 'height' } } },
      },
      {
        data: { name: CHART_INPUTS.today },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 6, fontSize: 13, fontWeight: 'bold', color: TODAY_COLOR },
        encoding: { x: today, y: { value: -6 }, text: { field: 'label' } },
      },
      {
        name: MILESTONE_LAYER,
        data: points,
        mark: { type: 'circle', size: 170, opacity: 1, stroke: 'white', strokeWidth: 1.5 },
        encoding: {
          x: xAxis,
          color: {
            field: 'state',
            type: 'nominal',
            scale: { domain: STATE_ORDER.map((s) => labels[s]), range: STATE_ORDER.map((s) => STATE_COLORS[s]) },
            legend: { title: null },
          },
        },
      },
      {
        data: points,
        transform: overdue,
        // Above the dot and ending at its centre: clear of the dots of its row and of today's line, which is to its right.
        mark: { type: 'text', align: 'right', baseline: 'bottom', dx: 2, dy: -7, fontSize: 12, fontWeight: 'bold', color: STATE_COLORS.overdue },
        encoding: { x, text: { field: 'late' } },
      },
    ],
  };
}

/**
 * The whole specification of one timeline picture: the template with its data and title filled in
 * (or, with nothing dated, a picture that says so). Pure: the same timeline, the same spec.
 */
export function timelineSpec(t: Timeline): TopLevelSpec {
  const data = timelineChartData(t);
  if (t.points.length === 0) return emptySpec({ text: data.title, subtitle: data.subtitle });
  const template = timelineTemplate(t.horizonDays) as TopLevelSpec & { params: { name: string; value: unknown }[] };
  return {
    ...template,
    params: [
      { name: CHART_INPUTS.title, value: data.title },
      { name: CHART_INPUTS.subtitle, value: data.subtitle },
    ],
    datasets: { [CHART_INPUTS.points]: data.points, [CHART_INPUTS.today]: data.today },
  } as TopLevelSpec;
}

/** A picture that says there is nothing to draw, with the same title and day. */
function emptySpec(title: { text: string; subtitle: string[] }): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: PLOT_WIDTH,
    height: 160,
    config: CONFIG,
    data: { values: [{ message: 'Rien à montrer : aucun jalon daté dans ce périmètre.' }] },
    mark: { type: 'text', fontSize: 18, color: '#555555' },
    encoding: { text: { field: 'message' } },
  };
}
