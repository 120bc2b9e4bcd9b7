import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { JalonError } from '../../src/domain/errors.js';
import { assertWritable, writePicture } from '../../src/timeline/write-picture.js';
import { ROOT } from '../helpers/seeds.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'jalon-timeline-cli-'));
const env = { ...process.env, JALON_DB: join(dir, 'jalon.db'), LOG_LEVEL: 'silent' };

/** The CLI as a user runs it, in a given time zone: exit code, stdout, stderr. */
async function jalon(args: string[], tz = 'Europe/Paris') {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli-entry.ts'), ...args], { env: { ...env, TZ: tz } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('timeline pictures from the CLI', () => {
  it('measure timeline and digest --png write the same picture, whatever the machine’s time zone', async () => {
    const a = join(dir, 'a.png');
    const b = join(dir, 'b.png');
    const timeline = await jalon(['measure', 'timeline', 'chantier:3', '--as-of', '2019-10-07', '--png', a], 'Pacific/Kiritimati');
    expect(timeline).toMatchObject({ code: 0, stderr: '' });
    expect(timeline.stdout).toMatch(/^Frise enregistrée : .*a\.png \(\d+ × \d+ px\)\n$/);
    const digest = await jalon(['digest', '--scope', 'chantier:3', '--as-of', '2019-10-07', '--png', b], 'America/Los_Angeles');
    expect(digest.code).toBe(0);
    expect(digest.stdout).toContain('Point du lundi 7 octobre 2019 — Chantier 3');
    expect(digest.stdout).toContain('Frise enregistrée : ');
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(PNG.sync.read(readFileSync(a)).width).toBeGreaterThanOrEqual(1200);
  });

  it('refuses an unknown scope with the valid ones, exit code 2, and writes nothing', async () => {
    const r = await jalon(['measure', 'timeline', 'chantier:42', '--png', join(dir, 'none.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^jalon : Portée inconnue : chantier:42\. Portées valides : chantier:1 à chantier:10, .*programme:segur/);
    expect(() => readFileSync(join(dir, 'none.png'))).toThrow();
  });
});

describe('writePicture', () => {
  it('refuses a path it cannot write with a French sentence and exit code 2, before and after drawing', () => {
    const folder = join(dir, 'un-dossier');
    mkdirSync(folder);
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(JalonError);
        expect((error as JalonError).exitCode).toBe(2);
        return (error as JalonError).userMessage;
      }
      throw new Error('expected a refusal');
    };
    expect(refused(() => assertWritable(join(dir, 'absent', 'x.png')))).toBe(`Impossible d’écrire l’image dans « ${join(dir, 'absent', 'x.png')} » : dossier introuvable.`);
    expect(refused(() => assertWritable(folder))).toMatch(/c’est un dossier\.$/);
    expect(refused(() => writePicture(join(dir, 'absent', 'x.png'), Buffer.from('png')))).toMatch(/dossier introuvable/);
    const path = writePicture(join(dir, 'ok.png'), Buffer.from('png'));
    expect(readFileSync(path, 'utf8')).toBe('png');
  });
});
