import {
  measureIdOfMilestone,
  readMeasureRevisions,
  readPersonStatuses,
  readProgrammes,
  readStatusHistory,
  readStoredMeasures,
  targetKindOf,
} from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { DEFAULT_TIME_ZONE } from '../digest/zoned-time.js';
import { JalonError } from '../domain/errors.js';
import type { Measure, Milestone, Scope, StatusChange } from '../domain/types.js';
import { isoDay } from './derive-status.js';
import { buildMeasureIndex, findMeasures, matchIds, suggestIds, type MeasureIndex } from './find-measures.js';
import { lintMeasures, type LintIssue } from './lint-measures.js';
import { listMeasures } from './list-measures.js';
import type { ProgrammeRecord } from './measure-record.js';
import { toMeasure } from './measure-json.js';
import { setStatus, type SetStatusInput } from './set-status.js';

/** What the adapters (CLI, Slack, console) do with measures: one object, built once per process. */
export interface Measures {
  /** Fuzzy lookup, best first. */
  find(query: string, k?: number): Measure[];
  /** One measure by id; an unknown id is a not_found error suggesting the nearest ones. */
  get(id: string): Measure;
  /** One measure by id (or a partial id naming only one), else null: no suggestions computed. */
  tryGet(id: string): Measure | null;
  /** A milestone by id, with its measure; an unknown id is a not_found error with suggestions. */
  getMilestone(id: string): { measure: Measure; milestone: Milestone };
  /** A milestone by id, with its measure, else null: no suggestions computed. */
  tryGetMilestone(id: string): { measure: Measure; milestone: Milestone } | null;
  list(scope?: Scope | null): Measure[];
  /** A person sets a status: target kind is told by the id (measure, else milestone). */
  setStatus(id: string, input: SetStatusInput): StatusChange;
  /** History of a measure (with its milestones) or of one milestone, oldest first. */
  history(id: string): StatusChange[];
  lint(): LintIssue[];
  programmes(): ProgrammeRecord[];
  /** Nearest ids for a mistyped one. */
  suggest(typed: string, k?: number): string[];
}

export interface CreateMeasuresOptions {
  now: () => Date;
  /** JALON_TZ (config.digest.timezone): "today" is the local day there, as in digests. */
  timeZone?: string;
}

/**
 * The measure service over the store. It keeps one lookup index in memory and checks two revision
 * counters in the store before each lookup (one tiny query): curated data changed → rebuild the
 * index; only statuses changed (this process or another one) → refresh them in place.
 */
export function createMeasures(db: Db, options: CreateMeasuresOptions): Measures {
  let cache: { content: number; status: number; index: MeasureIndex } | null = null;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const today = () => isoDay(options.now(), timeZone);

  const index = (): MeasureIndex => {
    const rev = readMeasureRevisions(db);
    if (!cache || cache.content !== rev.content) {
      cache = { ...rev, index: buildMeasureIndex(readStoredMeasures(db)) };
    } else if (cache.status !== rev.status) {
      const set = readPersonStatuses(db);
      for (const m of cache.index.byId.values()) {
        m.set = set.measures.get(m.id) ?? null;
        for (const ms of m.milestones) ms.set = set.milestones.get(ms.id) ?? null;
      }
      cache.status = rev.status;
    }
    return cache.index;
  };

  const notFound = (id: string, what: 'Mesure' | 'Jalon'): JalonError => {
    const near = suggestIds(index(), id, 3);
    const hint = near.length ? ` Vouliez-vous dire ${near.join(', ')} ?` : '';
    return new JalonError('not_found', `unknown id ${id}`, `${what} introuvable : ${id}.${hint}`);
  };
  const normalizeId = (id: string) => id.trim().toUpperCase();

  const tryGet = (raw: string): Measure | null => {
    let stored = readStoredMeasures(db, { ids: [normalizeId(raw)] })[0];
    if (!stored) {
      // A partial id ("C3-P4") or a milestone id that names exactly one measure is that measure.
      const named = matchIds(index(), raw);
      if (named.length === 1) stored = index().byId.get(named[0]!);
    }
    return stored ? toMeasure(stored, today()) : null;
  };

  const tryGetMilestone = (raw: string): { measure: Measure; milestone: Milestone } | null => {
    const id = normalizeId(raw);
    const measureId = measureIdOfMilestone(db, id);
    const stored = measureId ? readStoredMeasures(db, { ids: [measureId] })[0] : undefined;
    if (!stored) return null;
    const measure = toMeasure(stored, today());
    const milestone = measure.milestones.find((m) => m.id === id);
    return milestone ? { measure, milestone } : null;
  };

  // Suggestions (edit distance over every id) are computed only here, when not-found is reported.
  return {
    find: (query, k = 5) => findMeasures(index(), query, { k, today: today() }),
    get: (raw) => {
      const found = tryGet(raw);
      if (!found) throw notFound(raw, 'Mesure');
      return found;
    },
    tryGet,
    getMilestone: (raw) => {
      const found = tryGetMilestone(raw);
      if (!found) throw notFound(raw, 'Jalon');
      return found;
    },
    tryGetMilestone,
    list: (scope = null) => listMeasures(db, scope, today()),
    setStatus: (raw, input) => {
      const id = normalizeId(raw);
      const kind = targetKindOf(db, id);
      if (!kind) throw notFound(raw, /-J\d+$/.test(id) ? 'Jalon' : 'Mesure');
      return setStatus(db, { kind, id }, input, options.now());
    },
    history: (raw) => {
      const id = normalizeId(raw);
      const kind = targetKindOf(db, id);
      if (!kind) throw notFound(raw, /-J\d+$/.test(id) ? 'Jalon' : 'Mesure');
      return readStatusHistory(db, kind === 'measure' ? { measureId: id } : { milestoneId: id });
    },
    lint: () => lintMeasures(readStoredMeasures(db, { includeRetired: true })),
    programmes: () => readProgrammes(db),
    suggest: (typed, k = 3) => suggestIds(index(), typed, k),
  };
}
