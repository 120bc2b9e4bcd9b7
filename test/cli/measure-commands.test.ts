import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerMeasureCommands, registerMeasureEvalCommand, type MeasureJalon, type WithJalon } from '../../src/cli/measure-commands.js';
import { withJalon } from '../../src/cli/with-jalon.js';
import type { Measure } from '../../src/domain/types.js';
import { loadFixture, MS_YML, PROGRAMMES_YML, writeKnowledge } from '../measures/measure-fixture.js';

/** A program whose measure commands run on the fixture store, printing into `out`. */
function program(stdinText = '', dir?: string) {
  const { measures } = loadFixture(dir ? { dir } : {});
  const out: string[] = [];
  const fakeWithJalon: WithJalon<MeasureJalon> =
    (action) =>
    async (...args) => {
      await action({ measures }, ...args);
    };
  const p = new Command('jalon').exitOverride();
  registerMeasureCommands(p, fakeWithJalon, { print: (t) => out.push(t), stdin: Readable.from([stdinText]) });
  const run = async (...argv: string[]) => {
    out.length = 0;
    await p.parseAsync(argv, { from: 'user' });
    return out.join('\n');
  };
  return { run, measures };
}

describe('measure commands', () => {
  it('registers with the real withJalon', () => {
    const p = new Command('jalon');
    registerMeasureCommands(p, withJalon);
    registerMeasureEvalCommand(p.command('eval'), withJalon);
    expect(p.commands.map((c) => c.name())).toEqual(['measure', 'milestone', 'eval']);
  });

  it('find --json prints {"results":[Measure…]} best first', async () => {
    const { run } = program();
    const json = JSON.parse(await run('measure', 'find', 'C3-P4', '--json', '-k', '2')) as { results: Measure[] };
    expect(json.results.map((m) => m.id)[0]).toBe('MS-C3-P4');
    expect(json.results.length).toBeLessThanOrEqual(2);
    expect(json.results[0]).toMatchObject({ programme: 'ma-sante-2022', chantier: 3, pilier: null, mesure: null, start: { label: '2020' } });
  });

  it('find prints French text, and says when nothing is found', async () => {
    const { run } = program();
    expect(await run('measure', 'find', 'SAS', '-k', '1')).toBe(
      '1. MS-C3-P4 · prévu · Service d\'accès aux soins\n   ma-sante-2022 · chantier 3 — URGENCES ET SOINS NON-PROGRAMMÉS · pilotes : DGOS / CNAM',
    );
    expect(await run('measure', 'find', 'xqzw')).toBe('Aucune mesure trouvée.');
  });

  it('find --jsonl answers one line per input line, errors included', async () => {
    const { run } = program('{"id":"q1","query":"télésanté"}\n\nnot json\n{"id":7}\n{"id":"q2","query":"M25"}\n');
    const lines = (await run('measure', 'find', '--jsonl', '-k', '1')).split('\n').map((l) => JSON.parse(l) as { id: unknown; results: Measure[]; error?: string });
    expect(lines.map((l) => [l.id, l.results.map((m) => m.id), l.error])).toEqual([
      ['q1', ['SEGUR-M24'], undefined],
      [null, [], 'JSON invalide'],
      [7, [], 'champ "query" manquant'],
      ['q2', ['SEGUR-M25'], undefined],
    ]);
  });

  it('show prints a measure; an unknown id suggests the nearest', async () => {
    const { run } = program();
    const text = await run('measure', 'show', 'MS-C3-P1');
    expect(text).toContain('MS-C3-P1 — Pacte de refondation des urgences');
    expect(text).toContain('Statut : en retard (calculé)');
    expect(text).toContain("MS-C3-P1-J3 · prévu · été (date non lue) · Bilan d'étape");
    expect(text).toContain('Source : 003_ms.txt, lignes 60–90');
    await expect(run('measure', 'show', 'MS-C3-P5')).rejects.toMatchObject({ userMessage: expect.stringMatching(/Vouliez-vous dire MS-C3-P4/) });
  });

  it('list --scope --json', async () => {
    const { run } = program();
    const json = JSON.parse(await run('measure', 'list', '--scope', 'pilier:4', '--json')) as { scope: string; results: Measure[] };
    expect(json.scope).toBe('pilier:4');
    expect(json.results.map((m) => m.id)).toEqual(['SEGUR-M24', 'SEGUR-M25']);
    expect(await run('measure', 'list', '--scope', 'chantier:1')).toBe('MS-C1-P1  prévu  Création et soutien financier aux assistants médicaux\n1 mesure');
    await expect(run('measure', 'list', '--scope', 'axe:1')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('set, milestone set and history', async () => {
    const { run } = program();
    expect(await run('measure', 'set', 'MS-C3-P4', 'en cours', '--comment', 'lancé', '--as', 'alice')).toBe('MS-C3-P4 : prévu → en cours (par alice) — « lancé »');
    expect(await run('milestone', 'set', 'MS-C3-P4-J1', 'fait', '--as', 'bob')).toBe('MS-C3-P4-J1 : prévu → fait (par bob)');
    // The status it already has, without a comment: said, not recorded (the history below is unchanged).
    expect(await run('milestone', 'set', 'MS-C3-P4-J1', 'fait', '--as', 'carol')).toBe('MS-C3-P4-J1 : déjà fait — rien n’est enregistré.');
    await expect(run('measure', 'set', 'MS-C3-P4', 'fini')).rejects.toMatchObject({ userMessage: expect.stringMatching(/Statuts valides/) });
    const history = JSON.parse(await run('measure', 'history', 'ms-c3-p4', '--json')) as { id: string; history: { who: string; origin: string }[] };
    expect(history.id).toBe('MS-C3-P4');
    expect(history.history.map((c) => [c.who, c.origin])).toEqual([
      ['alice', 'cli'],
      ['bob', 'cli'],
    ]);
    expect(await run('measure', 'history', 'MS-C3-P4')).toBe(
      '2021-03-01 09:00  alice (cli)  MS-C3-P4 : prévu → en cours — lancé\n2021-03-01 09:00  bob (cli)  MS-C3-P4-J1 : prévu → fait',
    );
  });

  it('lint lists unreadable labels', async () => {
    const { run } = program();
    expect(await run('measure', 'lint')).toBe(
      [
        'attention  MS-C3-P1-J3  003_ms.txt:74-74  date illisible : « été » (gardée sans date)',
        'attention  SEGUR-M25-J1  002_segur.txt:25-25  rapporté fait, mais la ligne citée ne dit rien d’achevé',
        '0 erreur, 2 avertissements',
      ].join('\n'),
    );
  });

  it('export writes a spreadsheet; import reads it back: no edit, no change; a bad file changes nothing (exit code 2)', async () => {
    const { run } = program();
    const dir = mkdtempSync(join(tmpdir(), 'jalon-export-'));
    const xlsx = join(dir, 'suivi.xlsx');
    expect(await run('measure', 'export', '--scope', 'chantier:3', '--out', xlsx)).toBe(`Exporté : ${xlsx} (7 lignes, 1 feuille, état au 2021-03-01)`);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK'); // a zip: a real XLSX
    expect(await run('measure', 'import', xlsx, '--dry-run')).toBe('0 changement (simulation : rien n’a été écrit).');
    const csv = join(dir, 'suivi.csv');
    await run('measure', 'export', '--out', csv);
    const edited = readFileSync(csv, 'utf8').replace(/^(MS-C3-P4;mesure;(?:[^;]*;){8})prévu;/m, '$1fait;');
    writeFileSync(csv, edited);
    expect(await run('measure', 'import', csv, '--as', 'alice')).toBe('MS-C3-P4 · Statut : prévu → fait\n1 changement appliqué.');
    expect(await run('measure', 'import', csv, '--as', 'alice')).toBe('0 changement appliqué.');
    writeFileSync(csv, edited.replace('MS-C3-P4;', 'MS-C3-P77;'));
    await expect(run('measure', 'import', csv)).rejects.toMatchObject({ exitCode: 2, userMessage: expect.stringMatching(/colonne ID : identifiant inconnu : MS-C3-P77/) });
    await expect(run('measure', 'import', join(dir, 'absent.xlsx'))).rejects.toMatchObject({ exitCode: 2 });
    await expect(run('measure', 'export', '--scope', 'chantier:42')).rejects.toMatchObject({ exitCode: 2, userMessage: expect.stringMatching(/^Portée inconnue : chantier:42\. Portées valides/) });
  });

  it('lint fails the command when the data has errors', async () => {
    const { run } = program('', writeKnowledge({ 'programmes.yml': PROGRAMMES_YML, 'ms.yml': MS_YML.replace('parent: MS-C3-P1', 'parent: MS-C3-P9') }));
    await expect(run('measure', 'lint')).rejects.toMatchObject({ userMessage: '1 erreur(s) dans les données des mesures.' });
  });
});
