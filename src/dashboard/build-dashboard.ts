import { buildDigest, type DigestMeasure } from '../digest/build-digest.js';
import { localDay } from '../digest/zoned-time.js';
import type { Scope } from '../domain/types.js';
import { formatScope } from '../measures/list-measures.js';

/** A milestone due soon, as the dashboard lists it. */
export interface DashboardDeadline {
  measureId: string;
  milestoneId: string;
  /** ISO day. */
  due: string;
  daysLeft: number;
  text: string;
}

/** One programme, chantier or pilier at a glance. */
export interface DashboardEntry {
  /** "programme:segur", "chantier:3": what /mesure commands and pictures take. */
  scope: string;
  kind: Scope['kind'];
  title: string;
  /** Milestones, cancelled ones left out. */
  total: number;
  done: number;
  overdue: number;
  /** The next open milestones due today or later, soonest first (at most `nextCount`). */
  next: DashboardDeadline[];
}

export interface Dashboard {
  asOf: string;
  /** Programmes in catalogue order, each with its chantiers or piliers by number. */
  programmes: { entry: DashboardEntry; groups: DashboardEntry[] }[];
}

export interface DashboardInput {
  /** Every measure, with statuses as of `now` (a DigestSource's). */
  measures: readonly DigestMeasure[];
  /** Programme titles by id, in catalogue order. */
  programmeTitles: ReadonlyMap<string, string>;
  now: Date;
  timeZone: string;
  nextCount?: number;
}

/** How far ahead "next deadlines" look: far enough that a scope with any future milestone shows it. */
const NEXT_HORIZON_DAYS = 3650;

/**
 * Each programme and each of its chantiers or piliers: milestones done / total, overdue count and
 * the next deadlines. Counts and states are the digest's (buildDigest for each scope), so the
 * dashboard, the digests and the pictures never disagree. Pure.
 */
export function buildDashboard(input: DashboardInput): Dashboard {
  const nextCount = input.nextCount ?? 3;
  const entry = (scope: Scope, measures: readonly DigestMeasure[]): DashboardEntry => {
    const digest = buildDigest({
      scope,
      scopeKey: formatScope(scope),
      measures,
      history: [],
      now: input.now,
      since: input.now,
      timeZone: input.timeZone,
      horizonDays: NEXT_HORIZON_DAYS,
      programmeTitles: input.programmeTitles,
    });
    return {
      scope: formatScope(scope),
      kind: scope.kind,
      title: digest.title,
      total: digest.stats.milestones,
      done: digest.stats.done,
      overdue: digest.stats.overdue,
      next: digest.upcoming.slice(0, nextCount).map((m) => ({ measureId: m.measureId, milestoneId: m.id, due: m.due!, daysLeft: m.daysLeft, text: m.text })),
    };
  };

  const byProgramme = new Map<string, DigestMeasure[]>();
  for (const m of input.measures) {
    const list = byProgramme.get(m.programme);
    if (list) list.push(m);
    else byProgramme.set(m.programme, [m]);
  }
  const programmes: Dashboard['programmes'] = [];
  for (const id of input.programmeTitles.keys()) {
    const measures = byProgramme.get(id) ?? [];
    if (measures.length === 0) continue;
    const groups = new Map<string, { scope: Scope; measures: DigestMeasure[] }>();
    for (const m of measures) {
      const scope: Scope | null = m.chantier !== null ? { kind: 'chantier', number: m.chantier } : m.pilier !== null ? { kind: 'pilier', number: m.pilier } : null;
      if (!scope) continue;
      const key = formatScope(scope);
      const group = groups.get(key);
      if (group) group.measures.push(m);
      else groups.set(key, { scope, measures: [m] });
    }
    const number = (s: Scope) => (s.kind === 'programme' ? 0 : s.number);
    const ordered = [...groups.values()].sort((a, b) => number(a.scope) - number(b.scope));
    programmes.push({ entry: entry({ kind: 'programme', id }, measures), groups: ordered.map((g) => entry(g.scope, g.measures)) });
  }
  return { asOf: localDay(input.now, input.timeZone), programmes };
}
