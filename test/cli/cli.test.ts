import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
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
    expect(Object.keys(results[0]!).sort()).toEqual(['lines', 'score', 'section', 'source', 'text']);
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
});
