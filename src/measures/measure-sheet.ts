import { STATUS_FR, type Measure, type Milestone, type Status, type StatusChange } from '../domain/types.js';
import { foldKey } from '../search/normalize.js';
import { readStatus } from './parse-status.js';

/**
 * The "tableau de suivi" as a spreadsheet: one row per measure, then one per milestone, in
 * catalogue order, grouped by chantier or pilier (one sheet each in XLSX). Columns are headed in
 * French; `ID` and `Statut` (with the words `jalon measure set` accepts) are what an import reads
 * back, with `Commentaire` and `Échéance`. Pure: encoding to XLSX or CSV is measure-spreadsheet.ts.
 */

export type SheetValue = string | number | null;

export interface SheetColumn {
  key: keyof SheetRow;
  header: string;
  width: number;
  /** An ISO day ("2021-06-30"), written as a real date in XLSX. */
  date?: true;
  /** Hidden in XLSX: for the import, not for people. */
  hidden?: true;
}

/** One row: a measure or a milestone. Dates are ISO days. */
export interface SheetRow {
  id: string;
  level: 'mesure' | 'jalon';
  programme: string;
  group: string;
  title: string;
  pilots: string;
  start: string;
  end: string;
  label: string;
  due: string | null;
  status: string;
  daysLate: number | null;
  changedBy: string;
  changedAt: string | null;
  comment: string;
  source: string;
  lines: string;
  /** The day the statuses are as of. */
  stateDay: string;
  /** The status as exported (hidden in XLSX): an import changes only what people changed. */
  exported: string;
}

export const SHEET_COLUMNS: readonly SheetColumn[] = [
  { key: 'id', header: 'ID', width: 17 },
  { key: 'level', header: 'Niveau', width: 8 },
  { key: 'programme', header: 'Programme', width: 14 },
  { key: 'group', header: 'Chantier / pilier', width: 14 },
  { key: 'title', header: 'Intitulé', width: 60 },
  { key: 'pilots', header: 'Pilotes', width: 28 },
  { key: 'start', header: 'Début', width: 13 },
  { key: 'end', header: 'Fin', width: 13 },
  { key: 'label', header: 'Jalon (libellé)', width: 24 },
  { key: 'due', header: 'Échéance', width: 12, date: true },
  { key: 'status', header: 'Statut', width: 11 },
  { key: 'daysLate', header: 'Jours de retard', width: 9 },
  { key: 'changedBy', header: 'Modifié par', width: 16 },
  { key: 'changedAt', header: 'Modifié le', width: 12, date: true },
  { key: 'comment', header: 'Commentaire', width: 40 },
  { key: 'source', header: 'Source', width: 26 },
  { key: 'lines', header: 'Lignes', width: 11 },
  { key: 'stateDay', header: 'État au', width: 12, date: true },
  { key: 'exported', header: 'Statut exporté', width: 11, hidden: true },
];

/** The status words, in the order of the statuses: a spreadsheet's list of valid values. */
export const SHEET_STATUSES = Object.values(STATUS_FR);

export interface SheetGroup {
  /** Sheet name: "Chantier 3", "Pilier 4", "Objectif 3", "Thème 1" (Excel: ≤ 31 characters). */
  name: string;
  /** As the Chantier / pilier column prints it: "chantier 3". */
  label: string;
  title: string | null;
}

export interface MeasureSheet {
  stateDay: string;
  /** What the export holds: "chantier:3", or "tout". */
  scope: string;
  sheets: { group: SheetGroup; rows: SheetRow[] }[];
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Days a late item is past its deadline as of `today`, else null. */
function daysLate(status: Status, due: string | null, today: string): number | null {
  return status === 'late' && due !== null && due < today ? daysBetween(due, today) : null;
}

const GROUP_WORDS: Record<string, string> = { chantier: 'Chantier', pilier: 'Pilier', objective: 'Objectif', theme: 'Thème' };

/**
 * The sheet of some measures as of `today`: `groups` names each measure's group (by group id),
 * `lastChanges` the last change people made to each measure or milestone (by target id), and
 * `sourceName` a seed file's short title. Pure.
 */
export function buildMeasureSheet(input: {
  measures: readonly Measure[];
  groups: ReadonlyMap<string, { kind: string; number: number; title: string }>;
  lastChanges: ReadonlyMap<string, Pick<StatusChange, 'who' | 'at' | 'comment'>>;
  today: string;
  scope: string;
  sourceName: (file: string) => string;
}): MeasureSheet {
  const { today } = input;
  const sheets = new Map<string, { group: SheetGroup; rows: SheetRow[] }>();
  const groupOf = (m: Measure): SheetGroup => {
    const g = m.group ? input.groups.get(m.group) : undefined;
    if (!g) return { name: `Sans groupe (${m.programme})`.slice(0, 31), label: '', title: null };
    const word = GROUP_WORDS[g.kind] ?? g.kind;
    return { name: `${word} ${g.number}${g.kind === 'objective' || g.kind === 'theme' ? ` (${m.programme})` : ''}`.slice(0, 31), label: `${word.toLowerCase()} ${g.number}`, title: g.title };
  };
  const lines = (l: readonly [number, number]) => (l[0] === l[1] ? `${l[0]}` : `${l[0]}–${l[1]}`);
  const changed = (id: string) => {
    const c = input.lastChanges.get(id);
    return { changedBy: c?.who ?? '', changedAt: c ? c.at.slice(0, 10) : null, comment: c?.comment ?? '' };
  };
  for (const m of input.measures) {
    const group = groupOf(m);
    const sheet = sheets.get(group.name) ?? { group, rows: [] };
    sheets.set(group.name, sheet);
    const source = input.sourceName(m.source.file);
    const late = m.milestones.map((ms) => daysLate(ms.status, ms.due, today)).filter((d): d is number => d !== null);
    const base = { programme: m.programme, group: group.label, pilots: m.pilots.join(' ; '), source, stateDay: today };
    sheet.rows.push({
      ...base,
      id: m.id,
      level: 'mesure',
      title: m.title,
      start: m.start?.label ?? '',
      end: m.end?.label ?? '',
      label: '',
      due: null,
      status: STATUS_FR[m.status],
      exported: STATUS_FR[m.status],
      daysLate: late.length ? Math.max(...late) : null,
      ...changed(m.id),
      lines: lines(m.source.lines),
    });
    for (const ms of m.milestones) sheet.rows.push(milestoneRow(ms, base, today, changed(ms.id)));
  }
  return { stateDay: today, scope: input.scope, sheets: [...sheets.values()] };
}

function milestoneRow(
  ms: Milestone,
  base: Pick<SheetRow, 'programme' | 'group' | 'pilots' | 'source' | 'stateDay'>,
  today: string,
  change: Pick<SheetRow, 'changedBy' | 'changedAt' | 'comment'>,
): SheetRow {
  const [a, b] = ms.source.lines;
  return {
    ...base,
    id: ms.id,
    level: 'jalon',
    title: ms.text,
    start: '',
    end: '',
    label: ms.label ?? '',
    due: ms.due,
    status: STATUS_FR[ms.status],
    exported: STATUS_FR[ms.status],
    daysLate: daysLate(ms.status, ms.due, today),
    ...change,
    lines: a === b ? `${a}` : `${a}–${b}`,
  };
}

// ── Import ─────────────────────────────────────────────────────────────────────────────────────

/** A row as read from a file: its number in its sheet (1 = header) and its cells by header. */
export interface ReadRow {
  sheet: string;
  row: number;
  cells: ReadonlyMap<string, SheetValue | Date>;
}

/** A problem with the file, named by sheet, row and column: nothing is imported. */
export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export type ImportChange =
  | { id: string; kind: 'measure' | 'milestone'; measureId: string; field: 'Statut'; old: Status; value: Status; comment: string | null }
  | { id: string; kind: 'milestone'; measureId: string; field: 'Échéance'; old: string | null; value: string }
  | { id: string; kind: 'measure' | 'milestone'; measureId: string; field: 'Commentaire'; old: string | null; value: string; status: Status };

/** What an import compares a row with: the record as it stands, and as it stood the sheet's day. */
export interface ImportTarget {
  kind: 'measure' | 'milestone';
  measureId: string;
  status: Status;
  /** The status shown on the sheet's "État au" day (for a file without the exported status). */
  statusThen: Status;
  due: string | null;
  lastComment: string | null;
}

/** Header names an import recognises, folded. */
const HEADERS = Object.fromEntries(SHEET_COLUMNS.map((c) => [c.key, foldKey(c.header)])) as Record<keyof SheetRow, string>;
const REQUIRED: (keyof SheetRow)[] = ['id', 'status'];

/** Which required columns a header row lacks (folded names compared). */
export function missingColumns(headers: readonly string[]): string[] {
  const have = new Set(headers.map(foldKey));
  return REQUIRED.filter((k) => !have.has(HEADERS[k])).map((k) => SHEET_COLUMNS.find((c) => c.key === k)!.header);
}

const cellText = (v: SheetValue | Date | undefined): string => (v === undefined || v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** An ISO day from a date cell or text ("2021-06-30", "30/06/2021"); null when empty; undefined when unreadable. */
export function readDay(v: SheetValue | Date | undefined): string | null | undefined {
  if (v === undefined || v === null || v === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  const text = String(v).trim();
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : [];
  if (!y) return undefined;
  const day = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const t = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === day ? day : undefined;
}

/**
 * What importing rows would change, or the problems that forbid it. A status is changed when the
 * cell differs from the record's status now and from the status the export wrote ("Statut
 * exporté"; without that column, the status on the sheet's "État au" day): a milestone that turned
 * late since the export, or a measure whose derived status moved, keeps its status; a comment is added
 * when it differs from the last one; a milestone's deadline when the date differs. Unknown IDs,
 * unknown statuses, unreadable dates and IDs given twice are errors. Pure.
 */
export function planImport(
  rows: readonly ReadRow[],
  targetOf: (id: string, stateDay: string | null) => ImportTarget | null,
  options: { maxComment?: number } = {},
): { changes: ImportChange[]; errors: ImportError[] } {
  const changes: ImportChange[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, ReadRow>();
  const header = (key: keyof SheetRow) => SHEET_COLUMNS.find((c) => c.key === key)!.header;
  for (const r of rows) {
    const cell = (key: keyof SheetRow) => r.cells.get(HEADERS[key]);
    const error = (key: keyof SheetRow, message: string) => errors.push({ sheet: r.sheet, row: r.row, column: header(key), message });
    const id = cellText(cell('id')).toUpperCase();
    if (!id) {
      // A row with nothing in it is no row (spreadsheets keep blank lines); with content, it lacks its ID.
      if ([...r.cells.values()].some((v) => cellText(v) !== '')) error('id', 'ID manquant');
      continue;
    }
    const twin = seen.get(id);
    if (twin) {
      error('id', `${id} figure deux fois (déjà ${twin.sheet === r.sheet ? '' : `feuille « ${twin.sheet} », `}ligne ${twin.row})`);
      continue;
    }
    seen.set(id, r);
    const stateDay = readDay(cell('stateDay'));
    if (stateDay === undefined) error('stateDay', `date illisible : « ${cellText(cell('stateDay'))} »`);
    const target = targetOf(id, stateDay ?? null);
    if (!target) {
      error('id', `identifiant inconnu : ${id}`);
      continue;
    }
    const typed = cellText(cell('status'));
    const status = readStatus(typed);
    if (!status) {
      error('status', typed ? `statut inconnu : « ${typed} » (valides : ${SHEET_STATUSES.join(', ')})` : 'statut vide');
      continue;
    }
    const comment = cellText(cell('comment'));
    if (options.maxComment !== undefined && comment.length > options.maxComment) {
      error('comment', `commentaire trop long (${options.maxComment} caractères au plus)`);
      continue;
    }
    const newComment = comment && comment !== (target.lastComment ?? '') ? comment : null;
    const exported = readStatus(cellText(cell('exported'))) ?? target.statusThen;
    if (status !== target.status && status !== exported) {
      changes.push({ id, kind: target.kind, measureId: target.measureId, field: 'Statut', old: target.status, value: status, comment: newComment });
    } else if (newComment) {
      changes.push({ id, kind: target.kind, measureId: target.measureId, field: 'Commentaire', old: target.lastComment, value: newComment, status: target.status });
    }
    const due = readDay(cell('due'));
    if (due === undefined) error('due', `date illisible : « ${cellText(cell('due'))} »`);
    else if (due !== null && due !== target.due) {
      if (target.kind === 'measure') error('due', 'une mesure n’a pas d’échéance : indiquez-la sur l’un de ses jalons');
      else changes.push({ id, kind: 'milestone', measureId: target.measureId, field: 'Échéance', old: target.due, value: due });
    }
  }
  return { changes, errors };
}
