import { Readable } from 'node:stream';
import type { Workbook, Worksheet } from 'exceljs';
import { JalonError } from '../domain/errors.js';
import { STATUS_FR, type Status } from '../domain/types.js';
import { foldKey } from '../search/normalize.js';
import { missingColumns, SHEET_COLUMNS, SHEET_STATUSES, type MeasureSheet, type ReadRow, type SheetRow, type SheetValue } from './measure-sheet.js';

/**
 * The measure sheet as a file people open in a spreadsheet, and back, through exceljs (loaded only
 * when a file is written or read: it is large). XLSX: a summary sheet and one sheet per chantier or
 * pilier, frozen header, filters, real dates, statuses coloured and chosen from a list. CSV: one
 * table, UTF-8 with a BOM and ";" separators, what a French spreadsheet opens as is.
 */

export type SheetFormat = 'xlsx' | 'csv';

const SUMMARY = 'Synthèse';

/** Status colours (light fills a printed sheet keeps readable). */
const STATUS_FILL: Record<Status, string> = {
  planned: 'FFEDEDED',
  in_progress: 'FFDDEBF7',
  late: 'FFF8CBAD',
  blocked: 'FFFFE699',
  done: 'FFC6EFCE',
  cancelled: 'FFBFBFBF',
};

async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}

const asDate = (day: string | null): Date | null => (day ? new Date(`${day}T00:00:00Z`) : null);

/** Column letter of a 1-based index (A…Z, AA…). */
const letter = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : letter(Math.floor((n - 1) / 26)) + letter(((n - 1) % 26) + 1));

function addDataSheet(wb: Workbook, name: string, rows: readonly SheetRow[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = SHEET_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.hidden ? { hidden: true } : {}),
    ...(c.date ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const values: Record<string, SheetValue | Date> = {};
    for (const c of SHEET_COLUMNS) values[c.key] = c.date ? asDate(r[c.key] as string | null) : (r[c.key] as SheetValue);
    const row = ws.addRow(values);
    if (r.level === 'mesure') row.font = { bold: true };
  }
  const last = Math.max(2, rows.length + 1);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: SHEET_COLUMNS.length } };
  const statusColumn = letter(SHEET_COLUMNS.findIndex((c) => c.key === 'status') + 1);
  ws.addConditionalFormatting({
    ref: `${statusColumn}2:${statusColumn}${last}`,
    rules: (Object.keys(STATUS_FILL) as Status[]).map((s, i) => ({
      type: 'cellIs',
      operator: 'equal',
      formulae: [`"${STATUS_FR[s]}"`],
      priority: i + 1,
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: STATUS_FILL[s] } } },
    })),
  });
  for (let i = 2; i <= rows.length + 1; i++) {
    ws.getCell(`${statusColumn}${i}`).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${SHEET_STATUSES.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Statut',
      error: `Statuts valides : ${SHEET_STATUSES.join(', ')}`,
    };
  }
}

function addSummary(wb: Workbook, sheet: MeasureSheet): void {
  const ws = wb.addWorksheet(SUMMARY);
  ws.columns = [{ width: 30 }, { width: 60 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 10 }];
  ws.addRow(['Jalon — suivi des mesures']).font = { bold: true, size: 14 };
  ws.addRow(['Portée', sheet.scope]);
  const day = ws.addRow(['État au', asDate(sheet.stateDay)]);
  day.getCell(2).numFmt = 'dd/mm/yyyy';
  ws.addRow([]);
  ws.addRow(['Feuille', 'Intitulé', 'Mesures', 'Jalons', 'Faits', 'En retard', '% faits']).font = { bold: true };
  for (const { group, rows } of sheet.sheets) {
    const milestones = rows.filter((r) => r.level === 'jalon');
    const done = milestones.filter((r) => r.status === STATUS_FR.done).length;
    const late = milestones.filter((r) => r.status === STATUS_FR.late).length;
    ws.addRow([group.name, group.title ?? '', rows.length - milestones.length, milestones.length, done, late, milestones.length ? Math.round((100 * done) / milestones.length) : null]);
  }
  ws.addRow([]);
  ws.addRow([`Modifiez « Statut », « Commentaire » ou « Échéance » puis : jalon measure import <fichier>. Statuts : ${SHEET_STATUSES.join(', ')}.`]);
}

/** The sheet as an XLSX or CSV file. */
export async function writeMeasureSheet(sheet: MeasureSheet, format: SheetFormat): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'Jalon';
  if (format === 'csv') {
    const ws = wb.addWorksheet('Mesures');
    ws.columns = SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
    // Dates stay ISO text: every spreadsheet reads them, whatever its locale.
    for (const { rows } of sheet.sheets) for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.csv.writeBuffer({ formatterOptions: { delimiter: ';', writeBOM: true } }));
  }
  addSummary(wb, sheet);
  for (const { group, rows } of sheet.sheets) addDataSheet(wb, group.name, rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const unreadable = (file: string, why: string) =>
  new JalonError('invalid_input', `unreadable spreadsheet ${file}: ${why}`, `Fichier illisible : ${file} (${why}).`, { exitCode: 2 });

/** A cell's value as an import reads it: text, number, date, or null (formulas give their result). */
function cellValue(v: unknown): SheetValue | Date {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown };
    if ('result' in o) return cellValue(o.result);
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (typeof o.text === 'string') return o.text;
  }
  return String(v);
}

/** The data rows of one worksheet whose first row holds the headers; null when it is no data sheet (no "ID" column). */
function rowsOf(ws: Worksheet): { headers: string[]; rows: ReadRow[] } | null {
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = String(cellValue(cell.value) ?? '').replace(/^\ufeff/, '').trim();
  });
  if (!headers.some((h) => h && foldKey(h) === 'id')) return null;
  const rows: ReadRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells = new Map<string, SheetValue | Date>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const h = headers[col];
      if (h) cells.set(foldKey(h), cellValue(cell.value));
    });
    rows.push({ sheet: ws.name, row: n, cells });
  });
  return { headers: headers.filter(Boolean), rows };
}

/**
 * The rows of an XLSX or CSV file in the export's format: every sheet with an "ID" column (the
 * summary is skipped). Missing columns and unreadable files are errors (exit code 2).
 */
export async function readMeasureSheet(data: Buffer, format: SheetFormat, file: string): Promise<{ rows: ReadRow[]; missing: { sheet: string; columns: string[] }[] }> {
  const wb = await newWorkbook();
  try {
    if (format === 'csv') {
      const text = data.toString('utf8').replace(/^\ufeff/, '');
      // A French spreadsheet saves with ";"; another may use ",": the header line tells.
      const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
      const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
      await wb.csv.read(Readable.from([text]), { sheetName: file, parserOptions: { delimiter }, map: (value: unknown) => value });
    } else {
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    }
  } catch {
    throw unreadable(file, format === 'csv' ? 'CSV attendu' : 'XLSX attendu');
  }
  const rows: ReadRow[] = [];
  const missing: { sheet: string; columns: string[] }[] = [];
  let sheets = 0;
  for (const ws of wb.worksheets) {
    if (ws.name === SUMMARY) continue;
    const read = rowsOf(ws);
    if (!read) continue;
    sheets++;
    const lacking = missingColumns(read.headers);
    if (lacking.length) missing.push({ sheet: ws.name, columns: lacking });
    rows.push(...read.rows);
  }
  if (sheets === 0) missing.push({ sheet: wb.worksheets[0]?.name ?? file, columns: missingColumns([]) });
  return { rows, missing };
}

/** The file name of an export: "jalon-mesures-chantier-3-2021-03-01.xlsx". */
export const exportFileName = (scope: string, day: string, format: SheetFormat): string =>
  `jalon-mesures-${scope.replace(/[^a-z0-9]+/gi, '-')}-${day}.${format}`;

/** The format a file name says (".xlsx", ".csv"), or null. */
export function formatOfFile(name: string): SheetFormat | null {
  const m = /\.(xlsx|csv)$/i.exec(name);
  return m ? (m[1]!.toLowerCase() as SheetFormat) : null;
}
