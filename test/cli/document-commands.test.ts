import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerDocumentCommands, type DocumentJalon } from '../../src/cli/document-commands.js';
import type { WithJalon } from '../../src/cli/measure-commands.js';
import { createDocuments } from '../../src/documents/create-documents.js';
import { openDatabase } from '../../src/db/open-database.js';
import { buildPdf, buildScannedPdf } from '../helpers/document-fixtures.js';

const NOW = new Date('2021-03-01T09:00:00Z');

/** The document commands over a fresh store, printing into `out` and `err`. */
function program() {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-doc-cli-'));
  const documents = createDocuments({ db: openDatabase(':memory:'), dir: join(dir, 'documents'), maxBytes: 1024 * 1024, now: () => NOW, sources: [] });
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  const fakeWithJalon: WithJalon<DocumentJalon> =
    (action) =>
    async (...args) => {
      await action({ documents }, ...args);
    };
  const p = new Command('jalon').exitOverride();
  registerDocumentCommands(p, fakeWithJalon, { print: (t) => out.push(t), printError: (t) => err.push(t), setExitCode: (c) => (exitCode = c) });
  const run = async (...argv: string[]) => {
    out.length = 0;
    err.length = 0;
    exitCode = 0;
    await p.parseAsync(argv, { from: 'user' });
    return { out: out.join('\n'), err: err.join('\n'), exitCode };
  };
  const file = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  return { run, file };
}

describe('jalon documents', () => {
  it('adds files, says what it could not find, and refuses bad ones with exit code 2', async () => {
    const { run, file } = program();
    const good = file('plan-ete.pdf', await buildPdf([{ title: 'Plan été des urgences', lines: ['Les urgences régulées par le SAMU en soirée.'] }]));
    const scan = file('scan.pdf', await buildScannedPdf());
    const r = await run('documents', 'add', good, scan, join(tmpdir(), 'absent-jalon.pdf'), '--kind', 'plan');
    expect(r.out).toBe(
      [
        'Ajouté : D1 · plan-ete.pdf — « Plan été des urgences » · date inconnue · plan · 1 page · 1 passage',
        '  date non trouvée dans le document : jalon documents edit D1 --date AAAA-MM',
      ].join('\n'),
    );
    expect(r.err.split('\n')).toEqual([
      'jalon : scan.pdf : aucun texte : document numérisé ? Passez-le d’abord dans un logiciel de reconnaissance de caractères (OCR).',
      'jalon : absent-jalon.pdf : fichier introuvable ou illisible.',
    ]);
    expect(r.exitCode).toBe(2);

    const again = await run('documents', 'add', good, '--json');
    expect(again.exitCode).toBe(2);
    expect(JSON.parse(again.out)).toEqual({
      added: [],
      refused: [{ file: 'plan-ete.pdf', problem: 'name_taken', message: expect.stringContaining('un document porte déjà ce nom (D1)') }],
    });
  });

  it('edits, lists as JSON and removes', async () => {
    const { run, file } = program();
    await run('documents', 'add', file('note.txt', new TextEncoder().encode('Une note sur la permanence des soins en établissement.')));
    expect((await run('documents', 'edit', 'D1', '--title', 'Note PDSES', '--date', '2021-02', '--url', 'https://example.org/note')).out).toBe(
      'Modifié : D1 · note.txt — « Note PDSES » · févr. 2021 · text · 1 passage · https://example.org/note',
    );
    const { documents } = JSON.parse((await run('documents', 'list', '--json')).out) as { documents: Record<string, unknown>[] };
    expect(documents).toEqual([
      expect.objectContaining({ id: 'D1', file: 'note.txt', title: 'Note PDSES', date: '2021-02', kind: 'text', pages: null, passages: 1, url: 'https://example.org/note' }),
    ]);
    expect((await run('documents', 'edit', 'D1', '--date', 'hier')).exitCode).toBe(2);
    expect((await run('documents', 'remove', 'D1')).out).toBe('Retiré : D1 · note.txt — « Note PDSES » (1 passage)');
    const gone = await run('documents', 'remove', 'D1');
    expect(gone).toMatchObject({ exitCode: 2, err: 'jalon : D1 : aucun document ajouté ne porte cet identifiant ou ce nom (voir jalon documents list).' });
  });

  it('keeps --title and --url for one file', async () => {
    const { run } = program();
    await expect(run('documents', 'add', 'a.pdf', 'b.pdf', '--title', 'T')).rejects.toMatchObject({ userMessage: '--title et --url ne valent que pour un seul fichier.' });
  });
});
