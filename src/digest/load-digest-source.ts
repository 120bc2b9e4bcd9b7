import { readDigestCatalogue, readPersonChangesOf, readStatusChangesBetween, type CatalogueFilter } from '../db/digest-store.js';
import { personStatus } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import type { Scope, StatusChange } from '../domain/types.js';
import { formatScope } from '../measures/list-measures.js';
import { milestoneStatus } from '../measures/derive-status.js';
import { checkScope } from '../measures/check-scope.js';
import { buildDigest, type Digest, type DigestMeasure } from './build-digest.js';
import { lastPersonChanges, personStatusAsOf } from './rewind-person-statuses.js';
import { localDay } from './zoned-time.js';

/** What digests are built from, read once for any number of scopes (all SQL is in src/db). */
export interface DigestSource {
  /** Statuses as of `now` (person-set statuses later than `now` rewound). */
  measures: DigestMeasure[];
  /** Status changes in (since, now]. */
  history: StatusChange[];
  programmeTitles: Map<string, string>;
  now: Date;
  since: Date;
}

/** The store's filter for a scope (null = everything); programmes by id (see resolveScope). */
export function scopeFilter(scope: Scope | null): CatalogueFilter {
  if (!scope) return {};
  if (scope.kind === 'programme') return { programmeId: scope.id };
  return scope.kind === 'chantier' ? { chantier: scope.number } : { pilier: scope.number };
}

/**
 * A scope with its programme named by id ("programme:ms" → "programme:ma-sante-2022"), so that
 * one scope has one key in subscriptions and digest runs. An unknown scope (programme, chantier
 * or pilier) is an error listing the valid ones.
 */
export function resolveScope(db: Db, scope: Scope): Scope {
  return checkScope(db, scope);
}

/**
 * Reads the measures of a scope (null: all, for several digests at once) and the changes since
 * `since`, as they stood at `now`: replaying a past day shows that day. Milestone statuses follow
 * the measure domain's rule (milestoneStatus) for the local day of `now`.
 */
export function loadDigestSource(db: Db, options: { scope: Scope | null; now: Date; since: Date; timeZone: string }): DigestSource {
  const { now, since } = options;
  const nowIso = now.toISOString();
  const today = localDay(now, options.timeZone);
  const catalogue = readDigestCatalogue(db, scopeFilter(options.scope));
  const programmes = new Map(catalogue.programmes.map((p) => [p.id, p]));

  // Statuses set after `now` (a replay): look up what the history said at `now`.
  const later: string[] = [];
  for (const m of catalogue.measures) if (m[8] !== null && m[8] > nowIso) later.push(m[0]);
  for (const ms of catalogue.milestones) if (ms[12] !== null && ms[12] > nowIso) later.push(ms[0]);
  const last = later.length ? lastPersonChanges(readPersonChangesOf(db, later), now) : new Map<string, StatusChange>();

  const byId = new Map<string, { measure: DigestMeasure; asOf: string; file: string }>();
  const measures: DigestMeasure[] = [];
  for (const [id, programmeId, groupTitle, chantier, pilier, title] of catalogue.measures) {
    const programme = programmes.get(programmeId);
    const measure: DigestMeasure = { id, programme: programmeId, chantier, pilier, title, groupTitle, pilots: catalogue.pilots.get(id) ?? [], milestones: [] };
    byId.set(id, { measure, asOf: programme?.asOf ?? '', file: programme?.source ?? '' });
    measures.push(measure);
  }
  for (const [id, measureId, kind, label, from, to, text, seedDone, lineFrom, lineTo, status, by, at, due, doneOn] of catalogue.milestones) {
    const owner = byId.get(measureId);
    if (!owner) continue; // retired measure
    const set = personStatusAsOf(id, personStatus(status, by, at), last, nowIso);
    owner.measure.milestones.push({
      id,
      label,
      due,
      from,
      to,
      text,
      status: milestoneStatus({ set: set?.status ?? null, seedDone: seedDone === 1, doneOn, due }, today),
      kind,
      source: { file: owner.file, lines: [lineFrom, lineTo] },
      statusSetBy: set?.by ?? null,
    });
  }
  return {
    measures,
    history: readStatusChangesBetween(db, since, now),
    programmeTitles: new Map(catalogue.programmes.map((p) => [p.id, p.title])),
    now,
    since,
  };
}

/** The digest of one scope from a source; `since` defaults to the source's. */
export function digestFromSource(
  source: DigestSource,
  scope: Scope | null,
  options: { timeZone: string; horizonDays: number; since?: Date },
): Digest {
  const since = options.since && options.since > source.since ? options.since : source.since;
  return buildDigest({
    scope,
    scopeKey: scope ? formatScope(scope) : null,
    measures: source.measures,
    history: source.history,
    now: source.now,
    since,
    timeZone: options.timeZone,
    horizonDays: options.horizonDays,
    programmeTitles: source.programmeTitles,
  });
}
