import {
  measureIdOfMilestone,
  readGroups,
  readLastPersonChanges,
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
import { matchIds, searchMeasureNames, suggestIds, type NameHit } from './find-measures.js';
import { lintMeasures, type LintIssue } from './lint-measures.js';
import { checkScope } from './check-scope.js';
import { importMeasureRows, type ImportReport } from './import-measures.js';
import { formatScope, listMeasures } from './list-measures.js';
import { buildMeasureSheet, type MeasureSheet, type ReadRow } from './measure-sheet.js';
import type { ProgrammeRecord, StoredMeasure } from './measure-record.js';
import { toMeasure } from './measure-json.js';
import { setStatus, type SetStatusInput } from './set-status.js';

/** What the adapters (CLI, Slack, console) do with measures: one object, built once per process. */
export interface Measures {
  /**
   * Lookup by ID, number, name or words, best first: Measures with their lookup `score` (see
   * searchNames).
   */
  find(query: string, k?: number): Measure[];
  /**
   * Fast indexed lookup of the records a free text names, best first, at most `k`: IDs ("MS-C3-P4",
   * "C3-P4"), the documents' numbering ("mesure 26", "segur 26", "pilier 4 mesure 26"), a chantier
   * or pilier ("pilier 4": its measures), names typed in full, then ranked words (accents and typos
   * forgiven). Scores lie in [0, 1] and compare between the candidates of one text: 1 = named by ID
   * or number, 0.95 = a title, alias or acronym typed in full, 0.5 = one of the measures of a named
   * chantier or pilier, below 0.9 = ranked words. Several hits with the same top score mean the text
   * is ambiguous; a caller that must pick one requires a margin between the first and the second.
   * Reads a few indexed rows: its cost does not grow with the catalogue.
   */
  searchNames(text: string, k: number): NameHit[];
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
  /** The "tableau de suivi" of a scope (all without one) as of today: rows for a spreadsheet. */
  sheet(scope?: Scope | null): MeasureSheet;
  /** Imports rows read from a spreadsheet in the export's format (see importMeasureRows). */
  importRows(rows: readonly ReadRow[], options: { who: string; dryRun: boolean }): ImportReport;
  /** Nearest ids for a mistyped one. */
  suggest(typed: string, k?: number): string[];
}

export interface CreateMeasuresOptions {
  now: () => Date;
  /** JALON_TZ (config.digest.timezone): "today" is the local day there, as in digests. */
  timeZone?: string;
}

/**
 * The measure service over the store. Nothing is cached: lookups are indexed reads (see
 * find-measures), so a status another process sets, or a reload of knowledge/, is seen at once.
 */
export function createMeasures(db: Db, options: CreateMeasuresOptions): Measures {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const today = () => isoDay(options.now(), timeZone);

  /** Stored measures by id, in the order of `ids`. */
  const readInOrder = (ids: readonly string[]): StoredMeasure[] => {
    if (ids.length === 0) return [];
    const byId = new Map(readStoredMeasures(db, { ids }).map((m) => [m.id, m]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };

  const notFound = (id: string, what: 'Mesure' | 'Jalon'): JalonError => {
    const near = suggestIds(db, id, 3);
    const hint = near.length ? ` Vouliez-vous dire ${near.join(', ')} ?` : '';
    return new JalonError('not_found', `unknown id ${id}`, `${what} introuvable : ${id}.${hint}`);
  };
  const normalizeId = (id: string) => id.trim().toUpperCase();

  const tryGet = (raw: string): Measure | null => {
    let stored = readStoredMeasures(db, { ids: [normalizeId(raw)] })[0];
    if (!stored) {
      // A partial id ("C3-P4") or a milestone id that names exactly one measure is that measure.
      const named = matchIds(db, raw);
      if (named.length === 1) stored = readInOrder(named)[0];
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
    find: (query, k = 5) => {
      const hits = searchMeasureNames(db, query, k);
      const scores = new Map(hits.map((h) => [h.id, h.score]));
      const day = today();
      return readInOrder(hits.map((h) => h.id)).map((m) => ({ ...toMeasure(m, day), score: scores.get(m.id)! }));
    },
    searchNames: (text, k) => searchMeasureNames(db, text, k),
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
    sheet: (typed = null) => {
      const scope = typed && checkScope(db, typed);
      const groups = new Map(readGroups(db).map((g) => [g.id, g]));
      return buildMeasureSheet({
        measures: listMeasures(db, scope, today()),
        groups,
        lastChanges: readLastPersonChanges(db),
        today: today(),
        scope: scope ? formatScope(scope) : 'tout',
        sourceName: (file) => file,
      });
    },
    importRows: (rows, o) => importMeasureRows(db, rows, { ...o, now: options.now(), today: today() }),
    suggest: (typed, k = 3) => suggestIds(db, typed, k),
  };
}
