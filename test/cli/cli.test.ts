import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { askQuestion } from '../../src/answer/answer-question.js';
import { parseConfig } from '../../src/config.js';
import { openJalon } from '../../src/open-jalon.js';
import { buildPdf, buildScannedPdf } from '../helpers/document-fixtures.js';
import { KNOWLEDGE_DIR, ROOT } from '../helpers/seeds.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'jalon-cli-'));
const env = { ...process.env, JALON_DB: join(dir, 'jalon.db'), LOG_LEVEL: 'silent', JALON_NOW: '2019-10-07' };

/** The built CLI as a user runs it: exit code, stdout, stderr. */
async function jalon(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli-entry.ts'), ...args], {
      env: { ...env, ...extraEnv },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('jalon CLI', () => {
  it('searches and prints the JSON contract', async () => {
    const r = await jalon(['search', 'maison médicale de garde', '--json', '-k', '3']);
    expect(r.code).toBe(0);
    const { results } = JSON.parse(r.stdout) as { results: { source: string; lines: number[]; section: string; text: string; score: number }[] };
    expect(results).toHaveLength(3);
    expect(Object.keys(results[0]!).sort()).toEqual(['lines', 'page', 'score', 'section', 'source', 'text']);
    // The shipped texts have no pages.
    expect(results.map((r) => (r as { page?: unknown }).page)).toEqual([null, null, null]);
  });

  it('gives an empty result for an empty query, not an error', async () => {
    const r = await jalon(['search', '   ', '--json']);
    expect(r).toMatchObject({ code: 0, stdout: '{"results":[]}\n' });
  });

  it('rejects a bad -k with one French line and exit code 1, no stack trace', async () => {
    const r = await jalon(['search', 'x', '-k', 'zéro']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('jalon : -k attend un entier de 1 à 100 (reçu : zéro)');
  });

  it('reports invalid knowledge YAML as file:line', async () => {
    const knowledge = join(dir, 'knowledge');
    cpSync(KNOWLEDGE_DIR, knowledge, { recursive: true });
    writeFileSync(join(knowledge, 'glossary.yml'), '- acronym: GHT\n  expansion: [oops\n');
    const r = await jalon(['search', 'GHT'], { JALON_KNOWLEDGE_DIR: knowledge, JALON_DB: join(dir, 'other.db') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^jalon : YAML invalide : glossary\.yml:\d+\n$/);
  });

  it('a command that does not talk to Slack needs no Slack secret', async () => {
    const r = await jalon(['measure', 'history', 'MS-C3-P1', '--json'], { SLACK_BOT_TOKEN: 'xoxb-set-alone' });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/SLACK_SIGNING_SECRET/);
  });

  it('exits with code 2 and the valid scopes for an unknown scope', async () => {
    const r = await jalon(['measure', 'list', '--scope', 'chantier:42']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^jalon : Portée inconnue : chantier:42\. Portées valides : chantier:1 à chantier:10, pilier:1 à pilier:5, programme:ma-sante-2022/);
  });

  it('names an invalid environment variable', async () => {
    const r = await jalon(['search', 'x'], { PORT: 'abc' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('adds a PDF (refusing a scan with exit code 2), then cites it at the page that prints the answer', async () => {
    const pdf = join(dir, 'bilan-vaccination.pdf');
    writeFileSync(
      pdf,
      await buildPdf([
        { title: 'Vaccination en pharmacie', lines: ['Le bilan couvre les officines de trois régions.'] },
        { title: 'Résultats', lines: ['Les pharmaciens ont administré 12 500 doses de vaccin antigrippal en officine.'] },
      ]),
    );
    const scan = join(dir, 'numerise.pdf');
    writeFileSync(scan, await buildScannedPdf());
    const add = await jalon(['documents', 'add', pdf, scan]);
    expect(add.code).toBe(2);
    expect(add.stdout).toMatch(/^Ajouté : D1 · bilan-vaccination\.pdf — « Vaccination en pharmacie » · date inconnue · document · 2 pages · \d+ passages?\n/);
    expect(add.stderr).toContain('jalon : numerise.pdf : aucun texte : document numérisé ?');
    // What `jalon ask` answers from that store (in process: one more CLI start would add seconds).
    const opened = openJalon(parseConfig({ ...env, LOG_LEVEL: 'silent' }));
    try {
      const answer = await askQuestion(opened.answerDeps, 'Combien de doses de vaccin antigrippal les pharmaciens ont-ils administré en officine ?');
      expect(answer.citations[0]).toMatchObject({ source: 'bilan-vaccination.pdf', page: 2 });
    } finally {
      opened.close();
    }
  });
});
