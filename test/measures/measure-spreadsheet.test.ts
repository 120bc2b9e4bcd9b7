import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readStatusHistory } from '../../src/db/measure-store.js';
import { JalonError } from '../../src/domain/errors.js';
import { readMeasureSheet, writeMeasureSheet } from '../../src/measures/measure-spreadsheet.js';
import { loadFixture } from './measure-fixture.js';

/** Edits cells of an exported XLSX as a person would: by the header names of its first row. */
async function editXlsx(data: Buffer, edits: { id: string; set: Record<string, string | Date> }[], extraRow?: Record<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  for (const ws of wb.worksheets) {
    const headers = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => headers.set(String(cell.value), col));
    if (!headers.has('ID')) continue;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const edit = edits.find((e) => e.id === row.getCell(headers.get('ID')!).value);
      for (const [header, value] of Object.entries(edit?.set ?? {})) row.getCell(headers.get(header)!).value = value;
    });
    if (extraRow) {
      const row = ws.addRow([]);
      for (const [header, value] of Object.entries(extraRow)) row.getCell(headers.get(header)!).value = value;
      extraRow = undefined;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const read = (data: Buffer, format: 'xlsx' | 'csv' = 'xlsx') => readMeasureSheet(data, format, `tableau.${format}`);

describe('measure spreadsheet', () => {
  it('writes a real XLSX: summary, one sheet per chantier or pilier, frozen header, filters, dates, status list', async () => {
    const { measures } = loadFixture();
    const data = await writeMeasureSheet(measures.sheet(null), 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Synthèse', 'Chantier 1', 'Chantier 3', 'Pilier 4']);
    const c3 = wb.getWorksheet('Chantier 3')!;
    expect(c3.getRow(1).values).toEqual(expect.arrayContaining(['ID', 'Statut', 'Échéance', 'Commentaire', 'Jours de retard']));
    expect(c3.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(c3.autoFilter).toBeTruthy();
    const ids = c3.getColumn(1).values.slice(2);
    expect(ids).toEqual(['MS-C3-P1', 'MS-C3-P1-J1', 'MS-C3-P1-J2', 'MS-C3-P1-J3', 'MS-C3-P1-S1', 'MS-C3-P4', 'MS-C3-P4-J1']);
    const headers = c3.getRow(1).values as string[];
    const due = c3.getRow(4).getCell(headers.indexOf('Échéance')).value;
    expect(due).toEqual(new Date('2020-03-31T00:00:00Z')); // "T1 2020", a real date
    const status = c3.getRow(4).getCell(headers.indexOf('Statut'));
    expect(status.value).toBe('en retard');
    expect(status.dataValidation.formulae[0]).toContain('en retard');
    expect(c3.getRow(4).getCell(headers.indexOf('Jours de retard')).value).toBe(335); // 2020-03-31 → 2021-03-01
  });

  it('export then import with no edit changes nothing (XLSX and CSV)', async () => {
    const { measures, db } = loadFixture();
    for (const format of ['xlsx', 'csv'] as const) {
      const { rows, missing } = await read(await writeMeasureSheet(measures.sheet(null), format), format);
      expect(missing).toEqual([]);
      expect(rows.length).toBe(14);
      expect(measures.importRows(rows, { who: 'alice', dryRun: false }).changes).toEqual([]);
    }
    expect(readStatusHistory(db, { measureId: 'MS-C3-P1' }).filter((c) => c.origin === 'import')).toEqual([]);
  });

  it('writes CSV as a French spreadsheet opens it: UTF-8 BOM and ";"', async () => {
    const { measures } = loadFixture();
    const csv = await writeMeasureSheet(measures.sheet({ kind: 'chantier', number: 3 }), 'csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split(/\r?\n/);
    expect(lines[0]!.split(';').slice(0, 2)).toEqual(['ID', 'Niveau']);
    expect(lines[1]).toMatch(/^MS-C3-P1;mesure;ma-sante-2022;chantier 3;Pacte de refondation des urgences;/);
  });

  it('imports edited statuses, comments and deadlines in one go, with history origin "import"; again: nothing', async () => {
    const { measures, db } = loadFixture();
    const exported = await writeMeasureSheet(measures.sheet(null), 'xlsx');
    const edited = await editXlsx(exported, [
      { id: 'MS-C3-P1-J2', set: { Statut: 'fait', Commentaire: 'Publié au JO' } },
      { id: 'MS-C3-P4', set: { Statut: 'Bloqué' } },
      { id: 'MS-C1-P1-J1', set: { Commentaire: 'Point au comité de pilotage' } },
      { id: 'MS-C3-P4-J1', set: { Échéance: new Date('2023-06-30T00:00:00Z') } },
    ]);
    const { rows } = await read(edited);
    const dry = measures.importRows(rows, { who: 'alice', dryRun: true });
    expect(dry.applied).toBe(false);
    expect(dry.changes.map((c) => `${c.id} ${c.field} ${c.old} → ${c.value}`)).toEqual([
      'MS-C1-P1-J1 Commentaire null → Point au comité de pilotage',
      'MS-C3-P1-J2 Statut late → done',
      'MS-C3-P4 Statut planned → blocked',
      'MS-C3-P4-J1 Échéance 2022-12-31 → 2023-06-30',
    ]);
    expect(measures.get('MS-C3-P4').status).toBe('planned'); // a dry run writes nothing
    const report = measures.importRows(rows, { who: 'alice', dryRun: false });
    expect(report.applied).toBe(true);
    expect(measures.getMilestone('MS-C3-P1-J2').milestone).toMatchObject({ status: 'done', statusSetBy: 'alice' });
    expect(measures.get('MS-C3-P4').status).toBe('blocked');
    expect(measures.getMilestone('MS-C3-P4-J1').milestone).toMatchObject({ due: '2023-06-30', dueSetBy: 'alice' });
    const history = readStatusHistory(db, { milestoneId: 'MS-C3-P1-J2' });
    expect(history.at(-1)).toMatchObject({ origin: 'import', oldStatus: 'late', newStatus: 'done', who: 'alice', comment: 'Publié au JO' });
    expect(readStatusHistory(db, { milestoneId: 'MS-C1-P1-J1' }).at(-1)).toMatchObject({ origin: 'import', comment: 'Point au comité de pilotage' });
    // The same file again, then the re-exported one: nothing more to do.
    expect(measures.importRows(rows, { who: 'alice', dryRun: false }).changes).toEqual([]);
    const again = await read(await writeMeasureSheet(measures.sheet(null), 'xlsx'));
    expect(measures.importRows(again.rows, { who: 'bob', dryRun: false }).changes).toEqual([]);
  });

  it('keeps a derived status that changed since the export: the sheet’s day is compared, not only today', async () => {
    const before = loadFixture({ now: new Date('2020-01-15T09:00:00Z') });
    const { rows } = await read(await writeMeasureSheet(before.measures.sheet(null), 'csv'), 'csv');
    const later = loadFixture({ now: new Date('2021-03-01T09:00:00Z') });
    // MS-C3-P1-J2 ("T1 2020") was planned on the export's day and is late now: no change.
    expect(later.measures.importRows(rows, { who: 'alice', dryRun: true }).changes).toEqual([]);
  });

  it('refuses a file with problems, naming row and column, and changes nothing', async () => {
    const { measures, db } = loadFixture();
    const exported = await writeMeasureSheet(measures.sheet(null), 'xlsx');
    const edited = await editXlsx(
      exported,
      [
        { id: 'MS-C3-P4', set: { Statut: 'terminé ?' } },
        { id: 'MS-C3-P1-J2', set: { Statut: 'fait', Échéance: 'bientôt' } },
      ],
      { ID: 'MS-C9-P9', Statut: 'fait' },
    );
    const { rows } = await read(edited);
    let error: unknown;
    try {
      measures.importRows(rows, { who: 'alice', dryRun: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JalonError);
    const message = (error as JalonError).userMessage;
    expect((error as JalonError).exitCode).toBe(2);
    expect(message).toMatch(/^Import refusé, rien n’a été modifié \(3 problèmes\)/);
    expect(message).toContain('feuille « Chantier 1 », ligne 4, colonne ID : identifiant inconnu : MS-C9-P9');
    expect(message).toContain('feuille « Chantier 3 », ligne 4, colonne Échéance : date illisible : « bientôt »');
    expect(message).toContain('feuille « Chantier 3 », ligne 7, colonne Statut : statut inconnu : « terminé ? »');
    expect(measures.getMilestone('MS-C3-P1-J2').milestone.status).toBe('late');
    expect(readStatusHistory(db, { measureId: 'MS-C3-P1' }).filter((c) => c.origin !== 'seed')).toEqual([]);
  });

  it('refuses an ID given twice, and a file without the ID or Statut column', async () => {
    const { measures } = loadFixture();
    const csv = (await writeMeasureSheet(measures.sheet({ kind: 'chantier', number: 1 }), 'csv')).toString('utf8');
    const [header, ...body] = csv.split(/\r?\n/).filter(Boolean);
    const twice = await read(Buffer.from([header, ...body, body[0]].join('\n')), 'csv');
    expect(() => measures.importRows(twice.rows, { who: 'a', dryRun: true })).toThrow(
      expect.objectContaining({ userMessage: expect.stringMatching(/colonne ID : MS-C1-P1 figure deux fois \(déjà ligne 2\)/) }),
    );
    const noStatus = await read(Buffer.from(csv.replace(';Statut;', ';État;')), 'csv');
    expect(noStatus.missing).toEqual([{ sheet: 'tableau.csv', columns: ['Statut'] }]);
    await expect(read(Buffer.from('pas un classeur'), 'xlsx')).rejects.toMatchObject({ exitCode: 2, userMessage: 'Fichier illisible : tableau.xlsx (XLSX attendu).' });
  });
});
