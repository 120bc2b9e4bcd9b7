import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Option, type Command } from 'commander';
import { PROJECT_ROOT } from '../config.js';
import { JalonError, userMessageOf } from '../domain/errors.js';
import { evalMeasures } from '../eval/eval-measures.js';
import { parseScope, formatScope } from '../measures/list-measures.js';
import type { Jalon } from '../open-jalon.js';
import {
  renderFindResults,
  renderHistory,
  renderLint,
  renderMeasure,
  renderMeasureList,
  renderStatusChange,
} from './render-measure-text.js';
import { registerMeasureFileCommands } from './measure-file-commands.js';
import { print as printLine } from './with-jalon.js';

/** What the measure commands use of Jalon: tests pass a store-backed stand-in. */
export type MeasureJalon = Pick<Jalon, 'measures'>;
/** The shape of `withJalon` (src/cli/with-jalon.ts). */
export type WithJalon<J> = <A extends unknown[]>(action: (jalon: J, ...args: A) => unknown) => (...args: A) => Promise<void>;

export interface CommandIo {
  print: (text: string) => void;
  stdin: Readable;
}

const DEFAULT_GOLDEN = resolve(PROJECT_ROOT, '../shared/eval/golden.dev.jsonl');

const kOption = () =>
  new Option('-k, --k <n>', 'nombre de résultats')
    .argParser((value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 50) {
        throw new JalonError('invalid_input', `invalid -k ${value}`, `-k attend un entier de 1 à 50 (reçu : ${value})`);
      }
      return n;
    })
    .default(5);

function defaultWho(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

/**
 * `jalon measure find|show|list|set|history|lint` and `jalon milestone set`. Each action calls one
 * function of `jalon.measures` and one renderer; JSON output is the documented contract.
 */
export function registerMeasureCommands(
  program: Command,
  withJalon: WithJalon<MeasureJalon>,
  io: CommandIo = { print: printLine, stdin: process.stdin },
): void {
  const { print } = io;
  const printJson = (value: unknown) => print(JSON.stringify(value));
  const measure = program.command('measure').description('mesures de Ma santé 2022, du Ségur, de la STSS et de la CFE-CGC');

  measure
    .command('find')
    .description('retrouve une mesure par son identifiant, son titre, un sigle ou un pilote')
    .argument('[text]', 'texte recherché (ou identifiant : MS-C1-P3, C1-P3, SEGUR-M25, mesure 25, pilier 4…)')
    .option('--json', 'sortie JSON {"results":[…]}')
    .option('--jsonl', 'lit des lignes {"id","query"} sur stdin, écrit une ligne {"id","results"} par entrée')
    .addOption(kOption())
    .action(
      withJalon(async (jalon, text: string | undefined, opts: { json?: boolean; jsonl?: boolean; k: number }) => {
        if (opts.jsonl) {
          for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
            if (!line.trim()) continue;
            printJson(findJsonlLine(jalon, line, opts.k));
          }
          return;
        }
        if (text === undefined || !text.trim()) {
          throw new JalonError('invalid_input', 'find without text', 'Indiquez le texte recherché, ou --jsonl pour lire stdin.');
        }
        const results = jalon.measures.find(text, opts.k);
        if (opts.json) printJson({ results });
        else print(renderFindResults(results));
      }),
    );

  measure
    .command('show')
    .description('affiche une mesure et ses jalons')
    .argument('<id>', 'identifiant (MS-C1-P3, SEGUR-M25…)')
    .option('--json', 'sortie JSON')
    .action(
      withJalon((jalon, id: string, opts: { json?: boolean }) => {
        const m = jalon.measures.get(id);
        if (opts.json) printJson(m);
        else print(renderMeasure(m));
      }),
    );

  measure
    .command('list')
    .description('liste les mesures, toutes ou d’une portée')
    .option('--scope <scope>', 'chantier:3, pilier:2 ou programme:segur')
    .option('--json', 'sortie JSON {"scope","results":[…]}')
    .action(
      withJalon((jalon, opts: { scope?: string; json?: boolean }) => {
        const scope = opts.scope === undefined ? null : parseScope(opts.scope);
        const results = jalon.measures.list(scope);
        if (opts.json) printJson({ scope: scope ? formatScope(scope) : null, results });
        else print(renderMeasureList(results));
      }),
    );

  const setCommand = (parent: Command, what: string, example: string) =>
    parent
      .command('set')
      .description(`pose le statut d’${what} (prévu, en cours, en retard, bloqué, fait, abandonné)`)
      .argument('<id>', `identifiant (${example})`)
      .argument('<status>', 'statut, en français ou en anglais')
      .option('--comment <text>', 'commentaire gardé dans l’historique')
      .option('--as <who>', 'auteur du changement (par défaut : l’utilisateur du système)')
      .option('--json', 'sortie JSON du changement')
      .action(
        withJalon((jalon, id: string, status: string, opts: { comment?: string; as?: string; json?: boolean }) => {
          const change = jalon.measures.setStatus(id, { status, who: opts.as ?? defaultWho(), comment: opts.comment ?? null, origin: 'cli' });
          if (opts.json) printJson(change);
          else print(renderStatusChange(change));
        }),
      );
  setCommand(measure, 'une mesure', 'MS-C1-P3');

  measure
    .command('history')
    .description('historique des statuts d’une mesure et de ses jalons')
    .argument('<id>', 'identifiant de mesure ou de jalon')
    .option('--json', 'sortie JSON {"id","history":[…]}')
    .action(
      withJalon((jalon, id: string, opts: { json?: boolean }) => {
        const history = jalon.measures.history(id);
        if (opts.json) printJson({ id: id.trim().toUpperCase(), history });
        else print(renderHistory(id.trim().toUpperCase(), history));
      }),
    );

  measure
    .command('lint')
    .description('signale les problèmes des données (dates illisibles, références cassées, doublons)')
    .option('--json', 'sortie JSON {"issues":[…]}')
    .action(
      withJalon((jalon, opts: { json?: boolean }) => {
        const issues = jalon.measures.lint();
        if (opts.json) printJson({ issues });
        else print(renderLint(issues));
        // Errors fail the command (exit code 1) so a CI step can run it; warnings do not.
        const errors = issues.filter((i) => i.level === 'error').length;
        if (errors > 0) throw new JalonError('knowledge', `measure lint: ${errors} errors`, `${errors} erreur(s) dans les données des mesures.`);
      }),
    );

  registerMeasureFileCommands(measure, withJalon, io, defaultWho);

  const milestone = program.command('milestone').description('jalons des mesures');
  setCommand(milestone, 'un jalon', 'SEGUR-M25-J2');
}

/** One line of `find --jsonl`: a bad line still gets its answer line, with an error. */
function findJsonlLine(jalon: MeasureJalon, line: string, k: number): { id: unknown; results: unknown[]; error?: string } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { id: null, results: [], error: 'JSON invalide' };
  }
  const { id = null, query } = (typeof input === 'object' && input !== null ? input : {}) as { id?: unknown; query?: unknown };
  if (typeof query !== 'string') return { id, results: [], error: 'champ "query" manquant' };
  try {
    return { id, results: jalon.measures.find(query, k) };
  } catch (error) {
    return { id, results: [], error: userMessageOf(error) };
  }
}

/** `jalon eval measures [path]`: lookup accuracy and field fidelity against a golden JSONL file. */
export function registerMeasureEvalCommand(
  evalCommand: Command,
  withJalon: WithJalon<MeasureJalon>,
  io: Pick<CommandIo, 'print'> = { print: printLine },
): void {
  const { print } = io;
  evalCommand
    .command('measures')
    .description('recherche de mesures : exactitude du premier résultat et fidélité des champs')
    .argument('[path]', 'golden JSONL', DEFAULT_GOLDEN)
    .option('--verbose', 'affiche les enregistrements manqués')
    .option('--json', 'sortie JSON')
    .action(
      withJalon((jalon, path: string, opts: { verbose?: boolean; json?: boolean }) => {
        const report = evalMeasures((query, k) => jalon.measures.find(query, k), path);
        if (opts.json) return print(JSON.stringify(report));
        print(
          `records ${report.records}  top-1 ${report.recordAccuracy.toFixed(3)} (${report.correct}/${report.records})  fidelity ${report.fidelity.toFixed(3)} (${report.matchedFields}/${report.fields})  p50 ${report.p50Ms.toFixed(2)} ms  p95 ${report.p95Ms.toFixed(2)} ms`,
        );
        print(
          Object.entries(report.perField)
            .map(([field, f]) => `${field} ${f.matched}/${f.total}`)
            .join('  '),
        );
        if (opts.verbose) {
          for (const m of report.misses) print(`- ${m.id} ${m.lookup}\n    expected ${m.expected}\n    got      ${m.got ?? '—'}\n    fields   ${m.fields.join('; ') || '—'}`);
        }
      }),
    );
}
