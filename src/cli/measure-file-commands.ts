import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { parseConfig } from '../config.js';
import { JalonError } from '../domain/errors.js';
import { STATUS_FR } from '../domain/types.js';
import type { ImportChange } from '../measures/measure-sheet.js';
import { exportFileName, formatOfFile, readMeasureSheet, writeMeasureSheet, type SheetFormat } from '../measures/measure-spreadsheet.js';
import { parseScope } from '../measures/list-measures.js';
import { measureCoverage, renderCoverage } from './measure-coverage-command.js';
import type { CommandIo, MeasureJalon, WithJalon } from './measure-commands.js';

const showValue = (c: ImportChange, which: 'old' | 'value'): string => {
  const v = c[which];
  if (v === null || v === '') return '—';
  return c.field === 'Statut' ? STATUS_FR[v as keyof typeof STATUS_FR] : `« ${v} »`.replace(/^« (\d{4}-\d{2}-\d{2}) »$/, '$1');
};

/** One line per change: "MS-C3-P1-J2 · Statut : prévu → fait". */
export function renderImportChanges(changes: readonly ImportChange[], applied: boolean): string {
  const lines = changes.map((c) => `${c.id} · ${c.field} : ${showValue(c, 'old')} → ${showValue(c, 'value')}`);
  const n = changes.length;
  const count = `${n} changement${n > 1 ? 's' : ''}`;
  lines.push(applied ? `${count} appliqué${n > 1 ? 's' : ''}.` : `${count} (simulation : rien n’a été écrit).`);
  return lines.join('\n');
}

/**
 * `jalon measure export`, `jalon measure import`, `jalon measure coverage`: the spreadsheet round
 * trip and the coverage of the tracking documents.
 */
export function registerMeasureFileCommands(measure: Command, withJalon: WithJalon<MeasureJalon>, io: CommandIo, defaultWho: () => string): void {
  const { print } = io;
  measure
    .command('export')
    .description('exporte le tableau de suivi (une ligne par mesure et par jalon) en XLSX ou CSV')
    .option('--scope <portée>', 'chantier:3, pilier:2 ou programme:segur (tout sans)')
    .addOption(new Option('--format <format>', 'xlsx ou csv (sinon l’extension de --out, sinon xlsx)').choices(['xlsx', 'csv']))
    .option('--out <fichier>', 'fichier écrit (par défaut : jalon-mesures-<portée>-<date>.<format> dans le dossier courant)')
    .action(
      withJalon(async (jalon, opts: { scope?: string; format?: SheetFormat; out?: string }) => {
        const scope = opts.scope === undefined ? null : parseScope(opts.scope);
        const format = opts.format ?? (opts.out ? formatOfFile(opts.out) : null) ?? 'xlsx';
        const sheet = jalon.measures.sheet(scope);
        const data = await writeMeasureSheet(sheet, format);
        const out = opts.out ?? exportFileName(sheet.scope, sheet.stateDay, format);
        writeFileSync(out, data);
        const rows = sheet.sheets.reduce((n, s) => n + s.rows.length, 0);
        print(`Exporté : ${out} (${rows} lignes, ${sheet.sheets.length} feuille${sheet.sheets.length > 1 ? 's' : ''}, état au ${sheet.stateDay})`);
      }),
    );

  measure
    .command('import')
    .description('importe un tableau de suivi modifié (statuts, commentaires, échéances) ; tout ou rien')
    .argument('<fichier>', 'fichier XLSX ou CSV au format de l’export')
    .option('--dry-run', 'affiche les changements sans rien écrire')
    .option('--as <qui>', 'auteur des changements (par défaut : l’utilisateur du système)')
    .option('--json', 'sortie JSON {"changes":[…],"applied"}')
    .action(
      withJalon(async (jalon, file: string, opts: { dryRun?: boolean; as?: string; json?: boolean }) => {
        const format = formatOfFile(file);
        if (!format) throw new JalonError('invalid_input', `unknown file type ${file}`, `Format inconnu : ${basename(file)} (.xlsx ou .csv attendu).`, { exitCode: 2 });
        let data: Buffer;
        try {
          data = readFileSync(file);
        } catch {
          throw new JalonError('invalid_input', `cannot read ${file}`, `Fichier introuvable ou illisible : ${file}.`, { exitCode: 2 });
        }
        const { rows, missing } = await readMeasureSheet(data, format, basename(file));
        if (missing.length > 0) {
          const what = missing.map((m) => `feuille « ${m.sheet} » : colonne${m.columns.length > 1 ? 's' : ''} ${m.columns.join(', ')} manquante${m.columns.length > 1 ? 's' : ''}`);
          throw new JalonError('invalid_input', 'import: missing columns', `Import refusé, rien n’a été modifié : ${what.join(' ; ')}.`, { exitCode: 2 });
        }
        const report = jalon.measures.importRows(rows, { who: opts.as ?? defaultWho(), dryRun: opts.dryRun === true });
        if (opts.json) print(JSON.stringify(report));
        else print(renderImportChanges(report.changes, report.applied));
      }),
    );

  measure
    .command('coverage')
    .description('couverture des documents de suivi : les lignes de contenu que les mesures citent')
    .option('--json', 'sortie JSON {"documents":[…],"ratio"}')
    .option('--all', 'liste toutes les lignes non citées')
    .action((opts: { json?: boolean; all?: boolean }) => {
      // Commands do not receive Slack requests: no signing secret needed.
      const config = parseConfig(process.env, { slackApp: false });
      const report = measureCoverage({ seedsDir: config.seedsDir, knowledgeDir: config.knowledgeDir });
      print(opts.json ? JSON.stringify(report) : renderCoverage(report, { all: opts.all === true }));
    });
}
