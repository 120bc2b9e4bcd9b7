import { appendStatusHistory, readLastPersonChanges, readStoredMeasures, withWriteLock, writePersonDue, writePersonStatus } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { JalonError } from '../domain/errors.js';
import type { Measure } from '../domain/types.js';
import { toMeasure } from './measure-json.js';
import { planImport, type ImportChange, type ImportError, type ImportTarget, type ReadRow } from './measure-sheet.js';

export interface ImportReport {
  changes: ImportChange[];
  /** False for a dry run: nothing was written. */
  applied: boolean;
}

const MAX_WHO = 100;
const MAX_COMMENT = 2000;

/** The French lines of an import's errors: "feuille « Chantier 3 », ligne 12, colonne Statut : …". */
export function describeImportErrors(errors: readonly ImportError[], limit = 20): string {
  const lines = errors.slice(0, limit).map((e) => `feuille « ${e.sheet} », ligne ${e.row}, colonne ${e.column} : ${e.message}`);
  if (errors.length > limit) lines.push(`… et ${errors.length - limit} autres`);
  return lines.join('\n');
}

/**
 * Imports rows read from a spreadsheet in the export's format: plans every change (see planImport)
 * against the store, then — unless `dryRun` — applies them all in one transaction: statuses as
 * person-set ones with a history row of origin "import", comments as history rows, deadlines as
 * person-set deadlines. Any problem in the file (unknown ID, status or date, an ID twice) is a
 * JalonError naming rows and columns (exit code 2), and nothing is written. Importing the same
 * file again changes nothing.
 */
export function importMeasureRows(db: Db, rows: readonly ReadRow[], options: { who: string; now: Date; today: string; dryRun: boolean }): ImportReport {
  const who = options.who.trim();
  if (!who || who.length > MAX_WHO) throw new JalonError('invalid_input', 'invalid author', `Auteur invalide (1 à ${MAX_WHO} caractères).`, { exitCode: 2 });
  return withWriteLock(db, () => {
    const stored = readStoredMeasures(db);
    const last = readLastPersonChanges(db);
    const shownOn = new Map<string, Map<string, Measure>>();
    const shown = (day: string) => {
      let byId = shownOn.get(day);
      if (!byId) shownOn.set(day, (byId = new Map(stored.map((m) => [m.id, toMeasure(m, day)]))));
      return byId;
    };
    const milestoneOwner = new Map(stored.flatMap((m) => m.milestones.map((ms) => [ms.id, m.id] as const)));
    const targetOf = (id: string, stateDay: string | null): ImportTarget | null => {
      const measureId = shown(options.today).has(id) ? id : milestoneOwner.get(id);
      if (!measureId) return null;
      const now = shown(options.today).get(measureId)!;
      const then = shown(stateDay ?? options.today).get(measureId)!;
      const lastComment = last.get(id)?.comment ?? null;
      if (measureId === id) return { kind: 'measure', measureId, status: now.status, statusThen: then.status, due: null, lastComment };
      const ms = now.milestones.find((x) => x.id === id)!;
      const msThen = then.milestones.find((x) => x.id === id)!;
      return { kind: 'milestone', measureId, status: ms.status, statusThen: msThen.status, due: ms.due, lastComment };
    };
    const { changes, errors } = planImport(rows, targetOf, { maxComment: MAX_COMMENT });
    if (errors.length > 0) {
      throw new JalonError(
        'invalid_input',
        `import refused: ${errors.length} errors`,
        `Import refusé, rien n’a été modifié (${errors.length} problème${errors.length > 1 ? 's' : ''}) :\n${describeImportErrors(errors)}`,
        { exitCode: 2 },
      );
    }
    if (options.dryRun) return { changes, applied: false };
    const at = options.now.toISOString();
    for (const c of changes) {
      const target = { kind: c.kind, id: c.id };
      if (c.field === 'Statut') {
        writePersonStatus(db, target, { status: c.value, by: who, at });
        appendStatusHistory(db, { targetId: c.id, targetKind: c.kind, measureId: c.measureId, oldStatus: c.old, newStatus: c.value, who, at, comment: c.comment, origin: 'import' });
      } else if (c.field === 'Commentaire') {
        // A comment alone does not freeze a derived status: it is recorded, the status stays derived.
        appendStatusHistory(db, { targetId: c.id, targetKind: c.kind, measureId: c.measureId, oldStatus: c.status, newStatus: c.status, who, at, comment: c.value, origin: 'import' });
      } else {
        writePersonDue(db, c.id, { due: c.value, by: who, at });
      }
    }
    return { changes, applied: true };
  });
}
