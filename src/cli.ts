import { Command, Option } from 'commander';
import { registerDigestCommands } from './cli/digest-commands.js';
import { registerEvalCommands } from './cli/eval-commands.js';
import { registerDocumentCommands } from './cli/document-commands.js';
import { startDigestService } from './cli/digest-service.js';
import { useFrenchHelp } from './cli/french-help.js';
import { registerMeasureCommands, registerMeasureEvalCommand } from './cli/measure-commands.js';
import { registerStartCommands } from './cli/start-command.js';
import { registerTimelineCommand } from './cli/timeline-commands.js';
import { print, withDocuments, withJalon } from './cli/with-jalon.js';
import { withMeasures } from './cli/with-measures.js';
import { JalonError, userMessageOf } from './domain/errors.js';
import { createInterface } from 'node:readline';
import { askQuestion } from './answer/answer-question.js';
import { askBatch } from './answer/ask-batch.js';
import { renderAnswerText } from './console/render-answer.js';
import { searchPassages } from './search/search-passages.js';

const printJson = (value: unknown): void => print(JSON.stringify(value));

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new JalonError('invalid_input', `invalid -k ${value}`, `-k attend un entier de 1 à 100 (reçu : ${value})`);
  return n;
};

/** `ask` and `search` read the store as indexed (seeds/ is synced by `jalon index`, start and the console). */
const READ_AS_INDEXED = { corpusSync: 'when-empty' } as const;

export function buildProgram(): Command {
  const program = useFrenchHelp(new Command('jalon'))
    .description('Jalon — réponses sourcées et suivi des mesures de Ma santé 2022 et du Ségur de la santé')
    .version('0.1.0', '-V, --version', 'affiche la version')
    .showHelpAfterError('(jalon --help pour l’aide)');

  registerStartCommands(program, { services: [startDigestService] });

  program
    .command('index')
    .description('indexe les documents de seeds/ (seulement ce qui a changé)')
    .action(
      withJalon((jalon) => {
        const r = jalon.indexReport;
        print(`Indexé : ${r.indexed.length} · inchangé : ${r.unchanged.length} · retiré : ${r.removed.length} · passages : ${jalon.corpus.stats().passages}`);
      }),
    );

  program
    .command('search')
    .description('cherche des passages des documents')
    .argument('<texte>', 'texte recherché')
    .option('--json', 'sortie JSON')
    .addOption(new Option('-k, --k <n>', 'nombre de résultats').argParser(positiveInt).default(5))
    .action(
      withJalon((jalon, query: string, opts: { json?: boolean; k: number }) => {
        // Each result gains the page of its first line (null where the source has no pages).
        const results = searchPassages(jalon.corpus, query, opts.k).map((r) => ({ ...r, page: jalon.documents.catalogue.pageOf(r.source, r.lines[0]) }));
        if (opts.json) return printJson({ results });
        if (results.length === 0) return print('Aucun passage trouvé.');
        results.forEach((r, i) => {
          const snippet = r.text.length > 240 ? `${r.text.slice(0, 240)}…` : r.text;
          const page = r.page ? `p. ${r.page} · ` : '';
          print(`${i + 1}. ${r.source} · ${page}lignes ${r.lines[0]}–${r.lines[1]} · ${r.section}\n   ${snippet}`);
        });
      }, READ_AS_INDEXED),
    );

  program
    .command('ask')
    .description('pose une question ; la réponse cite ses sources')
    .argument('[question]', 'la question')
    .option('--json', 'sortie JSON')
    .option('--jsonl', 'lot : lignes {"id","question"} sur stdin → une ligne JSON par entrée')
    .action(
      withJalon(async (jalon, question: string | undefined, opts: { json?: boolean; jsonl?: boolean }) => {
        const ask = (q: string) => askQuestion(jalon.answerDeps, q);
        if (opts.jsonl) {
          await askBatch(createInterface({ input: process.stdin, crlfDelay: Infinity }), ask, printJson);
          return;
        }
        if (question === undefined) throw new JalonError('invalid_input', 'missing question', 'Question manquante : jalon ask "<question>"');
        const answer = await ask(question);
        if (opts.json) printJson({ answered: answer.answered, kind: answer.kind, confidence: answer.confidence, answer: answer.text, citations: answer.citations });
        else print(renderAnswerText(answer));
      }, READ_AS_INDEXED),
    );

  const evalCommand = registerEvalCommands(program, withJalon);
  // Measure commands open the measure database only (no passage index).
  registerMeasureCommands(program, withMeasures);
  registerMeasureEvalCommand(evalCommand, withMeasures);
  registerTimelineCommand(program, withJalon);
  registerDigestCommands(program, withJalon);
  registerDocumentCommands(program, withDocuments);
  return program;
}

/** Entry point: one French line and exit code 1 (2 for unusable input) for expected failures, never a stack trace. */
export async function main(argv: string[] = process.argv): Promise<void> {
  // `jalon … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.stderr.write(`jalon : ${userMessageOf(error)}\n`);
    if (!(error instanceof JalonError)) process.stderr.write(`(${(error as Error)?.message ?? String(error)})\n`);
    process.exitCode = error instanceof JalonError ? error.exitCode : 1;
  }
}
