import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDigestCommands, type WithJalon } from '../../src/cli/digest-commands.js';
import { registerTimelineCommand } from '../../src/cli/timeline-commands.js';
import { parseConfig } from '../../src/config.js';
import type { Db } from '../../src/db/open-database.js';
import { JalonError } from '../../src/domain/errors.js';
import { silentLogger } from '../../src/log.js';
import { createMeasures } from '../../src/measures/create-measures.js';
import type { Jalon } from '../../src/open-jalon.js';
import { assertWritable, writePicture } from '../../src/timeline/write-picture.js';
import { openFixtureDb } from '../digest/helpers/digest-fixture.js';
import { ROOT } from '../helpers/seeds.js';

const dir = mkdtempSync(join(tmpdir(), 'jalon-timeline-cli-'));
const NOW = new Date('2019-10-07T07:00:00Z');
let db: Db;
let run: (...args: string[]) => Promise<string[]>;

beforeAll(() => {
  const fixture = openFixtureDb();
  db = fixture.db;
  const config = parseConfig({ JALON_DB: fixture.path });
  // The parts of Jalon these commands use, over the digest fixture (chantier 3, chantier 1, Ségur pilier 1).
  const jalon = { config, db, logger: silentLogger, now: () => NOW, measures: createMeasures(db, { now: () => NOW }), close: () => {} } as unknown as Jalon;
  const withFixture: WithJalon = (action) => async (...args) => {
    await action(jalon, ...args);
  };
  run = async (...args) => {
    const lines: string[] = [];
    const program = new Command('jalon').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerDigestCommands(program, withFixture, { print: (t) => lines.push(t) });
    program.command('measure');
    registerTimelineCommand(program, withFixture, { print: (t) => lines.push(t) });
    await program.parseAsync(['node', 'jalon', ...args]);
    return lines;
  };
});
afterAll(() => db.close());

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JalonError) return { message: error.userMessage, exitCode: error.exitCode };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('jalon measure timeline / jalon digest --png', () => {
  it('write the same picture of a scope, and say where', async () => {
    const a = join(dir, 'a.png');
    const b = join(dir, 'b.png');
    expect(await run('measure', 'timeline', 'chantier 3', '--png', a)).toEqual([expect.stringMatching(/^Frise enregistrée : .*a\.png \(\d{4} × \d+ px\)$/)]);
    const digest = await run('digest', '--scope', 'chantier:3', '--png', b);
    expect(digest[0]).toMatch(/^Point du lundi 7 octobre 2019 — Chantier 3/);
    expect(digest.at(-1)).toMatch(/^\nFrise enregistrée : .*b\.png/);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(PNG.sync.read(readFileSync(a)).width).toBeGreaterThanOrEqual(1200);
    // One measure: its own picture.
    expect((await run('measure', 'timeline', 'MS-C3-P2', '--png', join(dir, 'm.png')))[0]).toContain('m.png');
  });

  it('refuses an unknown scope or an unwritable path before drawing (exit code 2), and writes nothing', async () => {
    expect(await refusal(run('measure', 'timeline', 'chantier:42', '--png', join(dir, 'none.png')))).toEqual({
      message: 'Portée inconnue : chantier:42. Portées valides : chantier:1, chantier:3, chantier:5, pilier:1, programme:ma-sante-2022, programme:segur.',
      exitCode: 2,
    });
    expect(await refusal(run('digest', '--scope', 'pilier:9', '--png', join(dir, 'none.png')))).toMatchObject({ exitCode: 2 });
    expect(await refusal(run('measure', 'timeline', 'chantier:3', '--png', join(dir, 'absent', 'x.png')))).toEqual({
      message: `Impossible d’écrire l’image dans « ${join(dir, 'absent', 'x.png')} » : dossier introuvable.`,
      exitCode: 2,
    });
    expect(await refusal(run('digest', '--post', '--png', join(dir, 'none.png')))).toMatchObject({ exitCode: 2 });
    expect(existsSync(join(dir, 'none.png'))).toBe(false);
  });

  it('the jalon process exits with code 2 and one French line for an unknown scope', async () => {
    const env = { ...process.env, JALON_DB: join(dir, 'jalon.db'), LOG_LEVEL: 'silent' };
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli-entry.ts'), 'measure', 'timeline', 'pilier:9', '--png', join(dir, 'p.png')], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^jalon : Portée inconnue : pilier:9\. Portées valides : chantier:1 à chantier:10, pilier:1 à pilier:\d+, programme:ma-sante-2022, .*\n$/);
  });
});

describe('writePicture', () => {
  it('refuses a folder, writes a file whole', async () => {
    const folder = join(dir, 'un-dossier');
    mkdirSync(folder);
    const said = (fn: () => unknown) => refusal(Promise.resolve().then(fn));
    expect(await said(() => assertWritable(folder))).toEqual({ message: `Impossible d’écrire l’image dans « ${folder} » : c’est un dossier.`, exitCode: 2 });
    expect(await said(() => writePicture(join(dir, 'absent', 'x.png'), Buffer.from('png')))).toMatchObject({ exitCode: 2, message: expect.stringMatching(/dossier introuvable\.$/) });
    expect(readFileSync(writePicture(join(dir, 'ok.png'), Buffer.from('png')), 'utf8')).toBe('png');
  });
});
