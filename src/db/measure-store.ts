import type { Status, StatusChange } from '../domain/types.js';
import type {
  GroupRecord,
  MeasureKnowledgeState,
  MeasureRecord,
  PersonDue,
  PersonStatus,
  ProgrammeRecord,
  StoredMeasure,
  StoredMilestone,
} from '../measures/measure-record.js';
import type { Db } from './open-database.js';

/** Which measures to read; all conditions combine. Retired records are left out unless asked. */
export interface MeasureFilter {
  ids?: readonly string[];
  /** Programme id ("segur") or code ("SEGUR"), case-insensitive. */
  programme?: string;
  chantier?: number;
  pilier?: number;
  includeRetired?: boolean;
}

/** A milestone as it stands before a load, for carrying person-set statuses over. */
export interface ExistingMilestone {
  id: string;
  text: string;
  label: string | null;
  seedDone: boolean;
  set: PersonStatus | null;
  dueSet: PersonDue | null;
}

export interface ExistingMeasure {
  id: string;
  /** Hash of its curated record as last written. */
  hash: string;
  retired: boolean;
  /** A person set a status on it or its milestones, or wrote history about it. */
  touched: boolean;
  milestones: ExistingMilestone[];
}

/** What a load writes, decided by load-measures from the existing rows and the new knowledge. */
export interface SyncPlan {
  state: MeasureKnowledgeState;
  /** Measure id → hash of its curated record. */
  hashes: Map<string, string>;
  /** Measures whose stored rows are already what the state says: not rewritten. */
  unchanged: Set<string>;
  /** Measures not in the store yet: nothing of theirs to delete first. */
  fresh: Set<string>;
  /** milestone id → the person-set status it keeps (possibly from an old id). */
  carried: Map<string, PersonStatus>;
  /** milestone id → the deadline a person set that it keeps (possibly from an old id). */
  carriedDue: Map<string, PersonDue>;
  /** Old milestone id → new id, for milestones that continue under another ID: history follows. */
  renamed: Map<string, string>;
  /** Milestones of rewritten measures that continue as none of the new ones. */
  dropped: string[];
  retire: string[];
  remove: string[];
  seedHistory: Omit<StatusChange, 'id'>[];
  /** What the name lookup indexes of each changed measure. */
  searchDocs: Map<string, MeasureSearchDoc>;
  hash: string;
}

/** A measure as the name lookup indexes it (see src/measures/measure-search-doc.ts). */
export interface MeasureSearchDoc {
  /** Folded French stems, space-joined, per field. */
  title: string;
  aliases: string;
  pilots: string;
  description: string;
  /** Folded full names (title, aliases, acronyms): exact-name hits. */
  names: string[];
  /** Folded words of those fields with their stem: accent-less and mistyped words are matched to them. */
  words: [word: string, stem: string][];
}

/** Runs `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken before anything is read. */
export function withWriteLock<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

export function readKnowledgeHash(db: Db): string {
  const row = db.prepare("SELECT value FROM measure_meta WHERE key = 'knowledge_hash'").get() as { value: string } | undefined;
  return row?.value ?? '';
}

/** A value of measure_meta (revisions, hashes), or null when never written. */
export function readMeasureMeta(db: Db, key: string): string | number | null {
  const row = db.prepare('SELECT value FROM measure_meta WHERE key = ?').get(key) as { value: string | number } | undefined;
  return row?.value ?? null;
}

export function writeMeasureMeta(db: Db, key: string, value: string | number): void {
  db.prepare('INSERT INTO measure_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** How many programmes, shown measures and their milestones the store holds. */
export function countMeasureRows(db: Db): { programmes: number; measures: number; milestones: number } {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM programmes) AS programmes,
              (SELECT count(*) FROM measures WHERE retired = 0) AS measures,
              (SELECT count(*) FROM milestones ms JOIN measures m ON m.id = ms.measure_id WHERE m.retired = 0) AS milestones`,
    )
    .get() as { programmes: number; measures: number; milestones: number };
}

/** Revision counters: a cache compares them with what it built from. */
export function readMeasureRevisions(db: Db): { content: number; status: number } {
  const rows = db.prepare("SELECT key, value FROM measure_meta WHERE key IN ('content_rev', 'status_rev')").all() as { key: string; value: number }[];
  const get = (key: string) => rows.find((r) => r.key === key)?.value ?? 0;
  return { content: get('content_rev'), status: get('status_rev') };
}

function bump(db: Db, key: 'content_rev' | 'status_rev'): void {
  db.prepare('UPDATE measure_meta SET value = value + 1 WHERE key = ?').run(key);
}

interface PersonCols {
  status: Status | null;
  status_by: string | null;
  status_at: string | null;
}

/** The person-set status of a row's status, status_by, status_at columns (null when none). */
export const personStatus = (status: Status | null, by: string | null, at: string | null): PersonStatus | null =>
  status ? { status, by: by ?? '', at: at ?? '' } : null;
const personStatusOf = (r: PersonCols): PersonStatus | null => personStatus(r.status, r.status_by, r.status_at);

interface DueCols {
  due_set: string | null;
  due_set_by: string | null;
  due_set_at: string | null;
}
const personDueOf = (r: DueCols): PersonDue | null => (r.due_set ? { due: r.due_set, by: r.due_set_by ?? '', at: r.due_set_at ?? '' } : null);

/** The measures and milestones in the store, with what people touched: the input of a load's plan. */
export function readExistingForSync(db: Db): Map<string, ExistingMeasure> {
  const measures = db.prepare('SELECT id, hash, retired, status FROM measures').all() as { id: string; hash: string; retired: number; status: Status | null }[];
  const historyIds = new Set(
    (db.prepare("SELECT DISTINCT measure_id FROM status_history WHERE origin <> 'seed'").all() as { measure_id: string }[]).map((r) => r.measure_id),
  );
  const out = new Map<string, ExistingMeasure>();
  for (const m of measures) {
    out.set(m.id, { id: m.id, hash: m.hash, retired: m.retired === 1, touched: m.status !== null || historyIds.has(m.id), milestones: [] });
  }
  const milestones = db
    .prepare('SELECT id, measure_id, text, label, seed_done, status, status_by, status_at, due_set, due_set_by, due_set_at FROM milestones ORDER BY measure_id, position')
    .all() as (PersonCols & DueCols & { id: string; measure_id: string; text: string; label: string | null; seed_done: number })[];
  for (const r of milestones) {
    const measure = out.get(r.measure_id);
    if (!measure) continue;
    const set = personStatusOf(r);
    const dueSet = personDueOf(r);
    if (set || dueSet) measure.touched = true;
    measure.milestones.push({ id: r.id, text: r.text, label: r.label, seedDone: r.seed_done === 1, set, dueSet });
  }
  return out;
}

/**
 * Writes a load's plan: curated columns are replaced, person-set statuses are left alone (measures)
 * or carried as the plan says (milestones, whose rows are rewritten). Call inside withWriteLock.
 */
export function applySyncPlan(db: Db, plan: SyncPlan): void {
  const { state } = plan;
  const upsertProgramme = db.prepare(
    `INSERT INTO programmes (id, code, title, source, as_of, position) VALUES (@id, @code, @title, @source, @asOf, @position)
     ON CONFLICT(id) DO UPDATE SET code = excluded.code, title = excluded.title, source = excluded.source,
       as_of = excluded.as_of, position = excluded.position`,
  );
  const upsertGroup = db.prepare(
    `INSERT INTO groups (id, programme_id, kind, number, title, steering, line_from, line_to, position)
     VALUES (@id, @programmeId, @kind, @number, @title, @steering, @lineFrom, @lineTo, @position)
     ON CONFLICT(id) DO UPDATE SET programme_id = excluded.programme_id, kind = excluded.kind, number = excluded.number,
       title = excluded.title, steering = excluded.steering, line_from = excluded.line_from, line_to = excluded.line_to,
       position = excluded.position`,
  );
  const deletePilots = db.prepare('DELETE FROM pilots WHERE owner_id = ?');
  const insertPilot = db.prepare('INSERT INTO pilots (owner_id, position, name) VALUES (?, ?, ?)');

  for (const p of state.programmes) upsertProgramme.run(p);
  for (const g of state.groups) {
    upsertGroup.run(groupParams(g));
    deletePilots.run(g.id);
    g.pilots.forEach((name, i) => insertPilot.run(g.id, i, name));
  }
  const groupIds = new Set(state.groups.map((g) => g.id));
  for (const id of (db.prepare('SELECT id FROM groups').all() as { id: string }[]).map((r) => r.id)) {
    if (!groupIds.has(id)) {
      db.prepare('DELETE FROM groups WHERE id = ?').run(id);
      deletePilots.run(id);
    }
  }

  // Changed measures: their dependent rows go first (three statements), then everything is
  // inserted in multi-row statements — a load of 50k milestones is a few hundred statements.
  const changed = state.measures.filter((m) => !plan.unchanged.has(m.id));
  const rewritten = JSON.stringify(changed.filter((m) => !plan.fresh.has(m.id)).map((m) => m.id));
  for (const table of ['milestones WHERE measure_id', 'pilots WHERE owner_id', 'aliases WHERE measure_id']) {
    db.prepare(`DELETE FROM ${table} IN (SELECT value FROM json_each(?))`).run(rewritten);
  }
  // Their lookup rows too (by the measure's rowid, which an upsert keeps).
  const searchRowsOf = (ids: string) =>
    db.prepare('DELETE FROM measure_search WHERE rowid IN (SELECT rowid FROM measures WHERE id IN (SELECT value FROM json_each(?)))').run(ids);
  const unsearchable = JSON.stringify([...JSON.parse(rewritten), ...plan.retire, ...plan.remove]);
  searchRowsOf(unsearchable);
  db.prepare('DELETE FROM measure_names WHERE measure_id IN (SELECT value FROM json_each(?))').run(unsearchable);
  insertRows(
    db,
    `INSERT INTO measures (id, programme_id, group_id, chantier, pilier, parent_id, kind, number, title, description, arrangements,
       legal_vehicle, financial_stakes, status_text, start_label, start_from, start_to, end_label, end_from, end_to, deliverables,
       line_from, line_to, position, pilots_text, id_rev, hash, retired)`,
    `ON CONFLICT(id) DO UPDATE SET programme_id = excluded.programme_id, group_id = excluded.group_id, chantier = excluded.chantier,
       pilier = excluded.pilier, parent_id = excluded.parent_id, kind = excluded.kind, number = excluded.number, title = excluded.title,
       description = excluded.description, arrangements = excluded.arrangements, legal_vehicle = excluded.legal_vehicle,
       financial_stakes = excluded.financial_stakes, status_text = excluded.status_text, start_label = excluded.start_label,
       start_from = excluded.start_from, start_to = excluded.start_to, end_label = excluded.end_label, end_from = excluded.end_from,
       end_to = excluded.end_to, deliverables = excluded.deliverables, line_from = excluded.line_from, line_to = excluded.line_to,
       position = excluded.position, pilots_text = excluded.pilots_text, id_rev = excluded.id_rev, hash = excluded.hash, retired = 0`,
    changed.map((m) => [...measureValues(m), m.pilotsText, [...m.id].reverse().join(''), plan.hashes.get(m.id) ?? '', 0]),
  );
  insertRows(
    db,
    `INSERT INTO milestones (id, measure_id, position, kind, label, date_from, date_to, due, text, seed_done, done_on, completes,
       line_from, line_to, status, status_by, status_at, due_set, due_set_by, due_set_at)`,
    '',
    changed.flatMap((m) =>
      m.milestones.map((ms) => {
        const set = plan.carried.get(ms.id) ?? null;
        const dueSet = plan.carriedDue.get(ms.id) ?? null;
        return [ms.id, m.id, ms.position, ms.kind, ms.label, ms.from, ms.to, ms.due, ms.text, ms.seedDone ? 1 : 0, ms.doneOn,
          ms.completes ? 1 : 0, ms.lines[0], ms.lines[1],
          set?.status ?? null, set?.by ?? null, set?.at ?? null, dueSet?.due ?? null, dueSet?.by ?? null, dueSet?.at ?? null];
      }),
    ),
  );
  insertRows(db, 'INSERT INTO pilots (owner_id, position, name)', '', changed.flatMap((m) => m.pilots.map((name, i) => [m.id, i, name])));
  insertRows(
    db,
    'INSERT INTO aliases (measure_id, position, alias, kind)',
    '',
    changed.flatMap((m) => m.aliases.map((a, i) => [m.id, i, a.alias, a.kind])),
  );
  writeSearchDocs(db, changed.map((m) => m.id), plan.searchDocs);
  for (const id of plan.retire) db.prepare('UPDATE measures SET retired = 1 WHERE id = ?').run(id);
  for (const id of plan.remove) {
    db.prepare('DELETE FROM measures WHERE id = ?').run(id);
    deletePilots.run(id);
  }
  // Before the new seed rows, which already carry the new IDs.
  retargetHistory(db, plan.renamed, plan.dropped);
  for (const change of plan.seedHistory) appendStatusHistory(db, change);
  db.prepare("UPDATE measure_meta SET value = ? WHERE key = 'knowledge_hash'").run(plan.hash);
  bump(db, 'content_rev');
}

/** Lookup rows of the measures just written, and the statistics lookups score with. */
function writeSearchDocs(db: Db, ids: readonly string[], docs: ReadonlyMap<string, MeasureSearchDoc>): void {
  const rowids = new Map(
    (db.prepare('SELECT rowid AS r, id FROM measures WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { r: number; id: string }[]).map(
      (x) => [x.id, x.r],
    ),
  );
  const written = ids.filter((id) => docs.has(id) && rowids.has(id));
  insertRows(db, 'INSERT INTO measure_search (rowid, title, aliases, pilots, description)', '', written.map((id) => {
    const d = docs.get(id)!;
    return [rowids.get(id), d.title, d.aliases, d.pilots, d.description];
  }));
  insertRows(db, 'INSERT OR IGNORE INTO measure_names (name, measure_id)', '', written.flatMap((id) => docs.get(id)!.names.map((n) => [n, id])));
  const before = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM measure_words').get() as { n: number }).n;
  insertRows(db, 'INSERT OR IGNORE INTO measure_words (word, stem)', '', written.flatMap((id) => docs.get(id)!.words));
  db.prepare('INSERT INTO measure_words_trigram (rowid, word) SELECT id, word FROM measure_words WHERE id > ?').run(before);
  // Average field lengths (in stems) for BM25's length normalisation, and the document count.
  const stats = db
    .prepare(
      `SELECT count(*) AS docs,
         avg(length(title) - length(replace(title, ' ', '')) + (title <> '')) AS title,
         avg(length(aliases) - length(replace(aliases, ' ', '')) + (aliases <> '')) AS aliases,
         avg(length(pilots) - length(replace(pilots, ' ', '')) + (pilots <> '')) AS pilots,
         avg(length(description) - length(replace(description, ' ', '')) + (description <> '')) AS description
       FROM measure_search`,
    )
    .get() as Record<string, number | null>;
  writeMeasureMeta(db, 'search_stats', JSON.stringify(stats));
}

/** What BM25 needs of the whole lookup index: the number of measures and average field lengths. */
export interface SearchStats {
  docs: number;
  title: number;
  aliases: number;
  pilots: number;
  description: number;
}

export function readSearchStats(db: Db): SearchStats {
  const raw = readMeasureMeta(db, 'search_stats');
  const parsed = typeof raw === 'string' && raw ? (JSON.parse(raw) as Partial<Record<keyof SearchStats, number | null>>) : {};
  return { docs: parsed.docs ?? 0, title: parsed.title ?? 1, aliases: parsed.aliases ?? 1, pilots: parsed.pilots ?? 1, description: parsed.description ?? 1 };
}

/**
 * Moves milestone history to the milestones' new IDs in one UPDATE: each row is mapped from the ID
 * it had before the statement, so swapped IDs (J2 ↔ J3) cannot merge. History of a dropped
 * milestone gets an ID no load produces (`<id>~<its first history row>`): a milestone later given
 * that ID must not inherit it, yet the measure's history still shows it.
 */
function retargetHistory(db: Db, renamed: ReadonlyMap<string, string>, dropped: readonly string[]): void {
  const map: Record<string, string> = Object.fromEntries(renamed);
  if (dropped.length > 0) {
    const rows = db
      .prepare(
        `SELECT target_id AS id, min(id) AS first FROM status_history
         WHERE target_kind = 'milestone' AND target_id IN (SELECT value FROM json_each(?)) GROUP BY target_id`,
      )
      .all(JSON.stringify(dropped)) as { id: string; first: number }[];
    for (const r of rows) map[r.id] = `${r.id}~${r.first}`;
  }
  if (Object.keys(map).length === 0) return;
  db.prepare(
    `UPDATE status_history SET target_id = (SELECT value FROM json_each(@map) WHERE key = status_history.target_id)
     WHERE target_kind = 'milestone' AND target_id IN (SELECT key FROM json_each(@map))`,
  ).run({ map: JSON.stringify(map) });
}

const groupParams = (g: GroupRecord) => ({
  id: g.id,
  programmeId: g.programmeId,
  kind: g.kind,
  number: g.number,
  title: g.title,
  steering: g.steering,
  lineFrom: g.lines[0],
  lineTo: g.lines[1],
  position: g.position,
});

/** A measure's curated columns, in the order of the INSERT in applySyncPlan. */
const measureValues = (m: MeasureRecord): unknown[] => [
  m.id,
  m.programmeId,
  m.groupId,
  m.chantier,
  m.pilier,
  m.parentId,
  m.kind,
  m.number,
  m.title,
  m.description,
  m.arrangements,
  m.legalVehicle,
  m.financialStakes,
  m.statusText,
  m.start?.label ?? null,
  m.start?.from ?? null,
  m.start?.to ?? null,
  m.end?.label ?? null,
  m.end?.from ?? null,
  m.end?.to ?? null,
  JSON.stringify(m.deliverables),
  m.lines[0],
  m.lines[1],
  m.position,
];

/** Rows of equal width inserted by multi-row statements (SQLite allows 32766 parameters). */
function insertRows(db: Db, head: string, tail: string, rows: readonly unknown[][]): void {
  if (rows.length === 0) return;
  const width = rows[0]!.length;
  const chunk = Math.max(1, Math.floor(8000 / width));
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  const statement = (n: number) => db.prepare(`${head} VALUES ${new Array(n).fill(tuple).join(', ')} ${tail}`);
  const full = rows.length >= chunk ? statement(chunk) : null;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    (part.length === chunk ? full! : statement(part.length)).run(part.flat());
  }
}

/** The groups (chantiers, piliers, objectives, themes) in catalogue order, without their pilots. */
export function readGroups(db: Db): Omit<GroupRecord, 'pilots'>[] {
  const rows = db
    .prepare(
      `SELECT g.id, g.programme_id AS programmeId, g.kind, g.number, g.title, g.steering, g.line_from, g.line_to, g.position
       FROM groups g JOIN programmes p ON p.id = g.programme_id ORDER BY p.position, g.position`,
    )
    .all() as (Omit<GroupRecord, 'pilots' | 'lines'> & { line_from: number; line_to: number })[];
  return rows.map(({ line_from, line_to, ...g }) => ({ ...g, lines: [line_from, line_to] }));
}

export function readProgrammes(db: Db): ProgrammeRecord[] {
  return db.prepare('SELECT id, code, title, source, as_of AS asOf, position FROM programmes ORDER BY position').all() as ProgrammeRecord[];
}

interface MeasureRow extends PersonCols {
  id: string;
  programme_id: string;
  group_id: string | null;
  group_title: string | null;
  chantier: number | null;
  pilier: number | null;
  parent_id: string | null;
  kind: MeasureRecord['kind'];
  number: number | null;
  title: string;
  description: string | null;
  pilots_text: string | null;
  arrangements: string | null;
  legal_vehicle: string | null;
  financial_stakes: string | null;
  status_text: string | null;
  start_label: string | null;
  start_from: string | null;
  start_to: string | null;
  end_label: string | null;
  end_from: string | null;
  end_to: string | null;
  deliverables: string;
  line_from: number;
  line_to: number;
  position: number;
  retired: number;
}

interface MilestoneRow extends PersonCols, DueCols {
  id: string;
  measure_id: string;
  position: number;
  kind: StoredMilestone['kind'];
  label: string | null;
  date_from: string | null;
  date_to: string | null;
  due: string | null;
  text: string;
  seed_done: number;
  done_on: string | null;
  completes: number;
  line_from: number;
  line_to: number;
}

/** The WHERE clause over `m` (measures) and `p` (programmes) for a filter, with its parameters. */
function whereOf(filter: MeasureFilter): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (!filter.includeRetired) clauses.push('m.retired = 0');
  if (filter.ids) {
    clauses.push('m.id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(filter.ids);
  }
  if (filter.programme !== undefined) {
    clauses.push('(p.id = lower(@programme) OR p.code = upper(@programme))');
    params.programme = filter.programme;
  }
  if (filter.chantier !== undefined) {
    clauses.push('m.chantier = @chantier');
    params.chantier = filter.chantier;
  }
  if (filter.pilier !== undefined) {
    clauses.push('m.pilier = @pilier');
    params.pilier = filter.pilier;
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * Measures with their programme, group, pilots, aliases, milestones and person-set statuses, in
 * catalogue order (programme, then file order). Four queries whatever the number of measures.
 */
export function readStoredMeasures(db: Db, filter: MeasureFilter = {}): StoredMeasure[] {
  const { sql: where, params } = whereOf(filter);
  const from = 'FROM measures m JOIN programmes p ON p.id = m.programme_id';
  const rows = db
    .prepare(
      `SELECT m.*, g.title AS group_title ${from} LEFT JOIN groups g ON g.id = m.group_id ${where} ORDER BY p.position, m.position`,
    )
    .all(params) as MeasureRow[];
  if (rows.length === 0) return [];
  const programmes = new Map(readProgrammes(db).map((p) => [p.id, p]));
  const milestones = groupBy(
    db
      .prepare(`SELECT ms.* FROM milestones ms JOIN measures m ON m.id = ms.measure_id JOIN programmes p ON p.id = m.programme_id ${where} ORDER BY ms.measure_id, ms.position`)
      .all(params) as MilestoneRow[],
    (r) => r.measure_id,
  );
  const pilots = groupBy(
    db
      .prepare(`SELECT pl.owner_id, pl.name FROM pilots pl JOIN measures m ON m.id = pl.owner_id JOIN programmes p ON p.id = m.programme_id ${where} ORDER BY pl.owner_id, pl.position`)
      .all(params) as { owner_id: string; name: string }[],
    (r) => r.owner_id,
  );
  const aliases = groupBy(
    db
      .prepare(`SELECT a.measure_id, a.alias, a.kind FROM aliases a JOIN measures m ON m.id = a.measure_id JOIN programmes p ON p.id = m.programme_id ${where} ORDER BY a.measure_id, a.position`)
      .all(params) as { measure_id: string; alias: string; kind: 'alias' | 'acronym' }[],
    (r) => r.measure_id,
  );
  return rows.map((r) => ({
    id: r.id,
    programmeId: r.programme_id,
    programme: programmes.get(r.programme_id)!,
    groupId: r.group_id,
    groupTitle: r.group_title,
    chantier: r.chantier,
    pilier: r.pilier,
    parentId: r.parent_id,
    kind: r.kind,
    number: r.number,
    title: r.title,
    description: r.description,
    pilotsText: r.pilots_text,
    arrangements: r.arrangements,
    legalVehicle: r.legal_vehicle,
    financialStakes: r.financial_stakes,
    statusText: r.status_text,
    start: r.start_label === null ? null : { label: r.start_label, from: r.start_from, to: r.start_to },
    end: r.end_label === null ? null : { label: r.end_label, from: r.end_from, to: r.end_to },
    deliverables: JSON.parse(r.deliverables) as string[],
    lines: [r.line_from, r.line_to],
    position: r.position,
    retired: r.retired === 1,
    set: personStatusOf(r),
    pilots: (pilots.get(r.id) ?? []).map((p) => p.name),
    aliases: (aliases.get(r.id) ?? []).map((a) => ({ alias: a.alias, kind: a.kind })),
    milestones: (milestones.get(r.id) ?? []).map((ms) => ({
      id: ms.id,
      measureId: ms.measure_id,
      position: ms.position,
      kind: ms.kind,
      label: ms.label,
      from: ms.date_from,
      to: ms.date_to,
      due: ms.due,
      text: ms.text,
      seedDone: ms.seed_done === 1,
      doneOn: ms.done_on,
      completes: ms.completes === 1,
      lines: [ms.line_from, ms.line_to],
      set: personStatusOf(ms),
      dueSet: personDueOf(ms),
    })),
  }));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Whether an id names a (shown) measure, a milestone of one, or nothing. */
export function targetKindOf(db: Db, id: string): 'measure' | 'milestone' | null {
  const row = db
    .prepare(
      `SELECT 'measure' AS kind FROM measures WHERE id = @id AND retired = 0
       UNION ALL SELECT 'milestone' FROM milestones ms JOIN measures m ON m.id = ms.measure_id WHERE ms.id = @id AND m.retired = 0`,
    )
    .get({ id }) as { kind: 'measure' | 'milestone' } | undefined;
  return row?.kind ?? null;
}

/** The measure a milestone belongs to, or null when no such milestone exists. */
export function measureIdOfMilestone(db: Db, milestoneId: string): string | null {
  const row = db.prepare('SELECT measure_id FROM milestones WHERE id = ?').get(milestoneId) as { measure_id: string } | undefined;
  return row?.measure_id ?? null;
}

/** Records a deadline a person set on a milestone. Call inside withWriteLock. */
export function writePersonDue(db: Db, milestoneId: string, due: PersonDue): void {
  const { changes } = db.prepare('UPDATE milestones SET due_set = ?, due_set_by = ?, due_set_at = ? WHERE id = ?').run(due.due, due.by, due.at, milestoneId);
  if (changes !== 1) throw new Error(`no milestone ${milestoneId}`);
  bump(db, 'status_rev');
}

/** Records a person-set status on a measure or milestone. Call inside withWriteLock, with the history row. */
export function writePersonStatus(db: Db, target: { kind: 'measure' | 'milestone'; id: string }, set: PersonStatus): void {
  const table = target.kind === 'measure' ? 'measures' : 'milestones';
  const { changes } = db.prepare(`UPDATE ${table} SET status = ?, status_by = ?, status_at = ? WHERE id = ?`).run(set.status, set.by, set.at, target.id);
  if (changes !== 1) throw new Error(`no ${target.kind} ${target.id}`);
  bump(db, 'status_rev');
}

export function appendStatusHistory(db: Db, change: Omit<StatusChange, 'id'>): StatusChange {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO status_history (target_id, target_kind, measure_id, old_status, new_status, who, at, comment, origin)
       VALUES (@targetId, @targetKind, @measureId, @oldStatus, @newStatus, @who, @at, @comment, @origin)`,
    )
    .run(change);
  return { id: Number(lastInsertRowid), ...change };
}

/** A status_history row as SQLite returns it. */
export interface StatusChangeRow {
  id: number;
  target_id: string;
  target_kind: StatusChange['targetKind'];
  measure_id: string;
  old_status: Status | null;
  new_status: Status;
  who: string;
  at: string;
  comment: string | null;
  origin: StatusChange['origin'];
}

export const toStatusChange = (r: StatusChangeRow): StatusChange => ({
  id: r.id,
  targetId: r.target_id,
  targetKind: r.target_kind,
  measureId: r.measure_id,
  oldStatus: r.old_status,
  newStatus: r.new_status,
  who: r.who,
  at: r.at,
  comment: r.comment,
  origin: r.origin,
});

/** The last change people made (not the documents) to each measure or milestone, by target id. */
export function readLastPersonChanges(db: Db): Map<string, StatusChange> {
  const rows = db
    .prepare(
      `SELECT h.id, h.target_id, h.target_kind, h.measure_id, h.old_status, h.new_status, h.who, h.at, h.comment, h.origin
       FROM status_history h JOIN (SELECT max(id) AS id FROM status_history WHERE origin <> 'seed' GROUP BY target_id) last ON last.id = h.id`,
    )
    .all() as StatusChangeRow[];
  return new Map(rows.map((r) => [r.target_id, toStatusChange(r)]));
}

/**
 * History of a measure and its milestones (or of one milestone), oldest first. By time, then
 * insertion: a load appends what a document reported with the document's date, after changes
 * people made later.
 */
export function readStatusHistory(db: Db, target: { measureId: string } | { milestoneId: string }): StatusChange[] {
  const [where, value] = 'measureId' in target ? ['measure_id = ?', target.measureId] : ['target_id = ?', target.milestoneId];
  const rows = db
    .prepare(
      `SELECT id, target_id, target_kind, measure_id, old_status, new_status, who, at, comment, origin FROM status_history WHERE ${where} ORDER BY at, id`,
    )
    .all(value) as StatusChangeRow[];
  return rows.map(toStatusChange);
}
