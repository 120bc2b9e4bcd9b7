import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { PROJECT_ROOT } from '../config.js';
import { JalonError } from '../domain/errors.js';
import { answerRuns, crossValidate, figures, formatFigures, loadRuns, prepareMs, type Run, type Scored } from '../eval/eval-answers.js';
import { evalSearch } from '../eval/eval-search.js';
import { fitAnswerModel, modelSources } from '../eval/train-models.js';
import type { Jalon } from '../open-jalon.js';
import { TRAINED_MODEL } from '../answer/trained-model.js';
import { print } from './with-jalon.js';

type WithJalon = <A extends unknown[]>(action: (jalon: Jalon, ...args: A) => unknown) => (...args: A) => Promise<void>;

/** The question sets the figures are measured on: the shared dev sets and the project's own. */
export const DEFAULT_SETS = [
  { name: 'dev', path: resolve(PROJECT_ROOT, '../shared/eval/questions.dev.jsonl') },
  { name: 'dev2', path: resolve(PROJECT_ROOT, '../shared/eval/questions.dev2.jsonl') },
  { name: 'own', path: resolve(PROJECT_ROOT, 'test/data/questions.own.jsonl') },
];

/** Paths typed by the user, or the default sets; a missing file stops with its name, never a silent fallback. */
export function questionSets(paths: readonly string[]): { name: string; path: string }[] {
  const sets = paths.length > 0 ? paths.map((p) => ({ name: basename(p).replace(/\.jsonl$/, '').replace(/^questions\./, ''), path: resolve(p) })) : DEFAULT_SETS;
  for (const s of sets) if (!existsSync(s.path)) throw new JalonError('invalid_input', `question set not found: ${s.path}`, `Jeu de questions introuvable : ${s.path}`);
  return sets;
}

const integer = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new JalonError('invalid_input', `invalid number ${value}`, `Nombre attendu de ${min} à ${max} (reçu : ${value})`);
  return n;
};

export function registerEvalCommands(program: Command, withJalon: WithJalon): Command {
  const evalCommand = program.command('eval').description('mesure la qualité sur des jeux de questions');
  evalCommand
    .command('search')
    .description('recherche de passages : hit@1, hit@5, MRR')
    .argument('[paths...]', 'jeux de questions JSONL (par défaut : dev, dev2 et les questions du projet)')
    .option('--verbose', 'affiche les questions manquées')
    .option('--json', 'sortie JSON')
    .action(
      withJalon((jalon, paths: string[], opts: { verbose?: boolean; json?: boolean }) => {
        const reports = questionSets(paths).map((set) => ({ set: set.name, ...evalSearch(jalon.corpus, set.path, jalon.config.seedsDir) }));
        if (opts.json) return print(JSON.stringify({ sets: reports }));
        for (const r of reports) {
          print(`${r.set.padEnd(5)} questions ${r.questions}  hit@1 ${r.hitAt1.toFixed(3)}  hit@5 ${r.hitAt5.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  p50 ${r.p50Ms.toFixed(2)} ms  p95 ${r.p95Ms.toFixed(2)} ms`);
          if (opts.verbose) for (const m of r.misses) print(`- ${m.id} ${m.question}\n    gold ${m.gold}\n    got  ${m.top.join('\n         ')}`);
        }
      }),
    );
  evalCommand
    .command('answers')
    .description('réponses : fait présent, citations, réponses et refus — modèle livré et validation croisée')
    .argument('[paths...]', 'jeux de questions JSONL (par défaut : dev, dev2 et les questions du projet)')
    .addOption(new Option('--folds <k>', 'plis de la validation croisée').argParser(integer(2, 20)).default(5))
    .option('--train', 'réapprend les modèles sur tous les jeux et écrit src/answer/trained-model.ts')
    .option('--verbose', 'affiche les questions manquées (validation croisée)')
    .option('--json', 'sortie JSON')
    .action(
      withJalon((jalon, paths: string[], opts: { folds: number; train?: boolean; verbose?: boolean; json?: boolean }) => {
        const sets = questionSets(paths);
        const deps = jalon.answerDeps;
        const runs = loadRuns(deps, sets, jalon.config.seedsDir, opts.folds);
        const fit = (train: readonly Run[]) => fitAnswerModel(deps, train);
        let shipped = TRAINED_MODEL;
        if (opts.train) {
          shipped = fit(runs);
          const sources = modelSources(shipped, `${runs.length} questions (${sets.map((s) => s.name).join(', ')})`);
          writeFileSync(resolve(PROJECT_ROOT, 'src/search/trained-ranker.ts'), sources.ranker);
          writeFileSync(resolve(PROJECT_ROOT, 'src/answer/trained-model.ts'), sources.answer);
          print(`Modèles réappris sur ${runs.length} questions : src/search/trained-ranker.ts, src/answer/trained-model.ts (npm run build pour les utiliser).`);
        }
        const tuned = answerRuns(deps, runs, shipped);
        const heldOut = crossValidate(deps, runs, opts.folds, fit);
        const bySet = (scored: readonly Scored[], name: string | null) => figures(scored.filter((s) => name === null || s.run.set === name));
        const rows = [...sets.map((s) => s.name), null].map((name) => ({ set: name ?? 'all', tuned: bySet(tuned, name), heldOut: bySet(heldOut, name) }));
        const timing = prepareMs(runs);
        if (opts.json) return print(JSON.stringify({ folds: opts.folds, sets: rows, searchMs: timing }));
        for (const r of rows) {
          print(`${r.set.padEnd(5)} ${String(r.tuned.questions).padStart(4)} q  tuned     ${formatFigures(r.tuned)}`);
          print(`${''.padEnd(12)}held-out  ${formatFigures(r.heldOut)}`);
        }
        print(`(held-out: ${opts.folds}-fold cross-validation, models fitted without the fold's questions; search + evidence p50 ${timing.p50.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms)`);
        if (opts.verbose) {
          for (const s of heldOut) {
            const { run, answer } = s;
            const miss = run.gold ? !s.fact || s.rank < 0 || s.rank >= 5 || !answer.answered : answer.answered;
            if (!miss) continue;
            const why = run.gold
              ? [!answer.answered && answer.kind, !s.fact && 'fact', (s.rank < 0 || s.rank >= 5) && `citation (gold ${run.question.source?.slice(0, 3)}:${run.gold[0]}-${run.gold[1]})`].filter(Boolean).join(', ')
              : 'should not answer';
            print(`- ${run.set}/${run.question.id} [${why}] ${run.question.question}\n    ${answer.text.replace(/\n/g, '\n    ')}`);
          }
        }
      }),
    );
  return evalCommand;
}
