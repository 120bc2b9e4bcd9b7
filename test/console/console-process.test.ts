import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ENTRY = resolve(import.meta.dirname, 'fixtures/console-entry.ts');
const dir = mkdtempSync(join(tmpdir(), 'jalon-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `echo "<input>" | jalon <command>` from source, with no Slack tokens in the environment. */
function run(command: string, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, command], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', HOME: dir, JALON_DB: join(dir, 'jalon.db'), JALON_NOW: '2021-03-01' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('piped console', () => {
  it('echo "/mesure retards chantier:3" | jalon console → prints the reply and exits 0', async () => {
    const { code, stdout } = await run('console', '/mesure retards chantier:3\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Retards — chantier 3');
    expect(stdout).not.toContain('Jalon — console locale');
  }, 30_000);

  it('jalon start without tokens is the console; a plain line is a question', async () => {
    const { code, stdout } = await run('start', 'Qu’est-ce que le service d’accès aux soins ?\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Sources');
  }, 30_000);
});
