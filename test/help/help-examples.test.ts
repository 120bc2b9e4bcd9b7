import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerMeasureCommands, type MeasureJalon, type WithJalon } from '../../src/cli/measure-commands.js';
import { buildProgram } from '../../src/cli.js';
import { handleMesureCommand } from '../../src/commands/handle-mesure-command.js';
import { parseMesureCommand } from '../../src/commands/parse-mesure-command.js';
import { readGroups } from '../../src/db/measure-store.js';
import { buildHelpBlocks } from '../../src/slack/blocks/build-help-blocks.js';
import { ADMIN, openTestJalon, testDeps } from '../fakes/test-jalon.js';
import { ROOT } from '../helpers/seeds.js';

// Every example people read — /mesure aide, the CLI's --help, the README and docs/ — runs against
// the shipped database: IDs exist, /mesure examples answer without an error, `jalon measure`
// examples run.
const jalon = openTestJalon();
afterAll(() => jalon.close());
const deps = testDeps(jalon, { CPILOTAGE3: [ADMIN] });

const helpText = JSON.stringify(buildHelpBlocks().blocks);
const docs = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f))].map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));
function cliHelp(cmd: Command): string {
  return [cmd.helpInformation(), ...cmd.commands.map(cliHelp)].join('\n');
}
const cliHelpText = cliHelp(buildProgram());

const VERBS = /^(?:voir|statut|jalon|retards|prochains|historique|abonner|desabonner|abonnements|digest|export|aide)\b/;
const placeholder = (s: string) => /[<>…[\]]|&lt;/.test(s);
/** In the help (all /mesure): backticked snippets that start with a verb, placeholders left out. */
function helpExamples(text: string): string[] {
  return [...new Set([...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim()))].filter((s) => VERBS.test(s) && !placeholder(s));
}
/** In the docs: "/mesure …" in backticks, quotes or a console line, placeholders left out. */
function docExamples(text: string): string[] {
  return [...new Set([...text.matchAll(/\/mesure ([^`"\n|]+?)(?:["`]|$)/gm)].map((m) => m[1]!.trim()))].filter((s) => !placeholder(s));
}

const ID = /\b(?:MS|SEGUR|STSS|CFE)-(?=[A-Z0-9-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g;

describe('examples use IDs that exist', () => {
  const known = new Set(readGroups(jalon.db).map((g) => g.id));
  const exists = (id: string) => known.has(id) || jalon.measures.tryGet(id) !== null || jalon.measures.tryGetMilestone(id) !== null;
  it.each([
    ['/mesure aide', helpText],
    ['jalon --help (every command)', cliHelpText],
    ...docs.map((d) => [d.path.slice(ROOT.length + 1), d.text] as [string, string]),
  ])('%s', (_, text) => {
    const ids = [...new Set(text.match(ID) ?? [])];
    expect(ids.filter((id) => !exists(id))).toEqual([]);
  });

  it('the help gives examples', () => {
    expect(helpText.match(ID)?.length).toBeGreaterThanOrEqual(3);
    expect(cliHelpText.match(ID)?.length).toBeGreaterThanOrEqual(3);
  });
});

describe('/mesure examples of the help and the docs run without an error', () => {
  const examples = [...new Set([...helpExamples(helpText), ...docs.flatMap((d) => docExamples(d.text))])];
  it('finds the examples', () => expect(examples.length).toBeGreaterThanOrEqual(12));
  it.each(examples)('%s', async (example) => {
    const reply = await handleMesureCommand(deps, { userId: ADMIN, channelId: 'CPILOTAGE3' }, example);
    const text = JSON.stringify(reply.blocks) + reply.text;
    // A verb named without its arguments ("/mesure abonner") opens its form: that is its answer.
    if (parseMesureCommand(example).kind === 'incomplete') return void expect(reply.modal).toBeDefined();
    if (reply.modal) return; // a command whose answer is a form ("/mesure document ajouter")
    expect(text).not.toContain(':warning:');
    expect(text).not.toContain('Aucune mesure ne correspond');
  });
});

describe('jalon measure examples of the docs and the help run', () => {
  const fake: WithJalon<MeasureJalon> =
    (action) =>
    async (...args) => {
      await action({ measures: jalon.measures }, ...args);
    };
  const examples = [...new Set([...docs.map((d) => d.text), cliHelpText].flatMap((t) => [...t.matchAll(/jalon (measure (?:find|show|list|history) [^`\n|#]+)/g)].map((m) => m[1]!.trim())))].filter(
    (e) => !placeholder(e),
  );
  it('finds the examples', () => expect(examples.length).toBeGreaterThanOrEqual(3));
  it.each(examples)('jalon %s', async (example) => {
    const out: string[] = [];
    const program = new Command('jalon').exitOverride();
    registerMeasureCommands(program, fake, { print: (t) => out.push(t), stdin: Readable.from(['']) });
    const argv = example.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
    await program.parseAsync(argv, { from: 'user' });
    expect(out.join('\n')).not.toMatch(/^Aucune mesure/);
  });
});
