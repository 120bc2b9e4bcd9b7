import type { Measure, Milestone, Scope, StatusChange } from '../domain/types.js';
import { addDays, daysBetween, localDay } from './zoned-time.js';

/** A milestone as a digest lists it: with its measure (the project it belongs to) and pilots. */
export interface DigestMilestone extends Milestone {
  measureId: string;
  measureTitle: string;
  pilots: string[];
}

export interface OverdueItem extends DigestMilestone {
  daysLate: number;
}

export interface UpcomingItem extends DigestMilestone {
  daysLeft: number;
}

export interface DoneItem extends DigestMilestone {
  /** When it became done: a person's change, or the date of the document that reported it. */
  doneAt: string;
  doneBy: string;
  /** "seed" when the document reported it, else where the person set it. */
  origin: StatusChange['origin'];
}

/** A status change, with what it is about in words. */
export interface ChangedItem extends StatusChange {
  measureTitle: string;
  /** The milestone's text, or the measure's title for a change on the measure itself. */
  targetText: string;
  pilots: string[];
}

export interface DigestStats {
  /** Milestones in scope, cancelled ones left out. */
  milestones: number;
  done: number;
  overdue: number;
  upcoming: number;
}

/** `jalon digest --json`: a contract. Dates are ISO; `asOf` is the local day the digest is for. */
export interface Digest {
  /** "chantier:3" (formatScope), null for everything. */
  scope: string | null;
  title: string;
  asOf: string;
  /** Changes and completions are counted after this instant (the previous digest) up to `at`. */
  since: string;
  at: string;
  horizonDays: number;
  /** JALON_TZ: the zone `asOf` and the days shown are read in. */
  timeZone: string;
  overdue: OverdueItem[];
  upcoming: UpcomingItem[];
  changed: ChangedItem[];
  done: DoneItem[];
  stats: DigestStats;
}

/** What a digest needs of a measure (a full Measure fits). */
export type DigestMeasure = Pick<Measure, 'id' | 'programme' | 'chantier' | 'pilier' | 'title' | 'groupTitle' | 'pilots' | 'milestones'>;

export interface DigestInput {
  scope: Scope | null;
  /** The scope as written by formatScope, kept as is in the digest. */
  scopeKey: string | null;
  /** Measures with statuses as of `now` (any scope: those outside `scope` are ignored). */
  measures: readonly DigestMeasure[];
  /** Status changes; only those in (since, now] on measures in scope count. */
  history: readonly StatusChange[];
  now: Date;
  since: Date;
  timeZone: string;
  horizonDays: number;
  /** Programme titles by id, for the title of a programme digest. */
  programmeTitles?: ReadonlyMap<string, string>;
}

/** Whether a measure belongs to a scope (null = everything). */
export function inScope(measure: DigestMeasure, scope: Scope | null): boolean {
  if (!scope) return true;
  if (scope.kind === 'chantier') return measure.chantier === scope.number;
  if (scope.kind === 'pilier') return measure.pilier === scope.number;
  return measure.programme === scope.id.toLowerCase();
}

const isOpen = (m: Milestone) => m.status !== 'done' && m.status !== 'cancelled';

/**
 * A milestone with its measure, as one object literal: a digest of a whole programme makes tens
 * of thousands, and spreading a Milestone cost more than the rest of the build.
 */
function digestMilestone(m: Milestone, measure: DigestMeasure): DigestMilestone {
  return {
    id: m.id,
    label: m.label,
    due: m.due,
    from: m.from,
    to: m.to,
    text: m.text,
    status: m.status,
    kind: m.kind,
    source: m.source,
    statusSetBy: m.statusSetBy ?? null,
    measureId: measure.id,
    measureTitle: measure.title,
    pilots: measure.pilots,
  };
}

/** Items with their catalogue rank, sorted, then stripped of it (the rank is not part of the JSON). */
function sortedItems<T>(ranked: { rank: number; item: T }[], compare: (a: T, b: T) => number): T[] {
  return ranked.sort((a, b) => compare(a.item, b.item) || a.rank - b.rank).map((r) => r.item);
}

/**
 * What a channel reads about a scope at `now`: overdue milestones (not done, due before today,
 * latest first), milestones due within the horizon (soonest first), status changes since the
 * previous digest (latest first) and milestones done since then. "Today" is the local day in
 * `timeZone`: a digest posted at 09:00 in Paris must not use the UTC day. Pure.
 */
export function buildDigest(input: DigestInput): Digest {
  const { now, since, timeZone, horizonDays } = input;
  const today = localDay(now, timeZone);
  const horizonEnd = addDays(today, horizonDays);
  const sinceIso = since.toISOString();
  const nowIso = now.toISOString();

  const measures = input.measures.filter((m) => inScope(m, input.scope));

  const overdue: { rank: number; item: OverdueItem }[] = [];
  const upcoming: { rank: number; item: UpcomingItem }[] = [];
  let total = 0;
  let doneCount = 0;
  measures.forEach((measure, i) => {
    measure.milestones.forEach((milestone, j) => {
      if (milestone.status === 'cancelled') return;
      total += 1;
      if (milestone.status === 'done') doneCount += 1;
      if (!isOpen(milestone) || milestone.due === null) return;
      const rank = i * 10_000 + j;
      if (milestone.due < today) {
        const late = digestMilestone(milestone, measure) as OverdueItem;
        late.daysLate = daysBetween(milestone.due, today);
        overdue.push({ rank, item: late });
      } else if (milestone.due <= horizonEnd) {
        const soon = digestMilestone(milestone, measure) as UpcomingItem;
        soon.daysLeft = daysBetween(today, milestone.due);
        upcoming.push({ rank, item: soon });
      }
    });
  });

  // Latest change first; a milestone that became done is listed under "done", not twice.
  const measureById = new Map(measures.map((m) => [m.id, m]));
  const measureRank = new Map(measures.map((m, i) => [m.id, i]));
  const window = input.history
    .filter((c) => c.at > sinceIso && c.at <= nowIso && measureById.has(c.measureId))
    .sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1));
  const milestoneOf = new Map<string, { milestone: Milestone; rank: number }>();
  for (const id of new Set(window.map((c) => c.measureId))) {
    measureById.get(id)!.milestones.forEach((milestone, j) => milestoneOf.set(milestone.id, { milestone, rank: measureRank.get(id)! * 10_000 + j }));
  }
  const changed: ChangedItem[] = [];
  const done: { rank: number; item: DoneItem }[] = [];
  const doneSeen = new Set<string>();
  for (const change of window) {
    const measure = measureById.get(change.measureId)!;
    if (change.targetKind === 'milestone') {
      const found = milestoneOf.get(change.targetId);
      if (!found) continue;
      const { milestone, rank } = found;
      if (change.newStatus === 'done') {
        // Only if still done now, and once, at its latest completion.
        if (milestone.status === 'done' && !doneSeen.has(change.targetId)) {
          doneSeen.add(change.targetId);
          done.push({ rank, item: { ...digestMilestone(milestone, measure), doneAt: change.at, doneBy: change.who, origin: change.origin } });
        }
        continue;
      }
      changed.push({ ...change, measureTitle: measure.title, targetText: milestone.text, pilots: measure.pilots });
    } else {
      changed.push({ ...change, measureTitle: measure.title, targetText: measure.title, pilots: measure.pilots });
    }
  }

  const overdueItems = sortedItems(overdue, (a, b) => b.daysLate - a.daysLate);
  const upcomingItems = sortedItems(upcoming, (a, b) => a.daysLeft - b.daysLeft);
  return {
    scope: input.scopeKey,
    title: digestTitle(input.scope, measures, input.programmeTitles),
    asOf: today,
    since: sinceIso,
    at: nowIso,
    horizonDays,
    timeZone,
    overdue: overdueItems,
    upcoming: upcomingItems,
    changed,
    // Latest first; those done together (one document) in catalogue order.
    done: sortedItems(done, (a, b) => (a.doneAt === b.doneAt ? 0 : a.doneAt < b.doneAt ? 1 : -1)),
    stats: { milestones: total, done: doneCount, overdue: overdueItems.length, upcoming: upcomingItems.length },
  };
}

function digestTitle(scope: Scope | null, measures: readonly DigestMeasure[], programmeTitles?: ReadonlyMap<string, string>): string {
  if (!scope) return 'Toutes les mesures';
  if (scope.kind === 'programme') return programmeTitles?.get(scope.id.toLowerCase()) ?? `Programme ${scope.id}`;
  const name = scope.kind === 'chantier' ? `Chantier ${scope.number}` : `Pilier ${scope.number}`;
  const groupTitle = measures.find((m) => m.groupTitle)?.groupTitle;
  return groupTitle ? `${name} — ${groupTitle}` : name;
}

/** Share of milestones done, as a whole percentage (0 when there are none). */
export function donePercent(stats: DigestStats): number {
  return stats.milestones === 0 ? 0 : Math.round((stats.done / stats.milestones) * 100);
}

/** True when a digest has nothing to tell: no overdue, upcoming, changed or done item. */
export function isEmptyDigest(digest: Digest): boolean {
  return digest.overdue.length + digest.upcoming.length + digest.changed.length + digest.done.length === 0;
}
