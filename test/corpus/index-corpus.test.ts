import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexCorpus, indexDocument } from '../../src/corpus/index-corpus.js';
import { readGlossary } from '../../src/db/corpus-store.js';
import { JalonError } from '../../src/domain/errors.js';
import { buildFixture, fixtureSource, NOW } from '../helpers/fixture-jalon.js';

const sources = (files: string[]) => files.map(fixtureSource);

describe('indexCorpus', () => {
  it('re-indexes only documents whose content changed, and removes vanished ones', () => {
    const { db, seedsDir } = buildFixture({ 'a.txt': 'Un texte.', 'b.txt': 'Un autre texte.' });
    const input = { seedsDir, sources: sources(['a.txt', 'b.txt']), glossary: [], now: NOW };
    expect(indexCorpus(db, input)).toEqual({ indexed: [], unchanged: ['a.txt', 'b.txt'], removed: [] });
    writeFileSync(join(seedsDir, 'b.txt'), 'Un texte modifié.');
    expect(indexCorpus(db, input).indexed).toEqual(['b.txt']);
    rmSync(join(seedsDir, 'a.txt'));
    expect(indexCorpus(db, { ...input, sources: sources(['b.txt']) }).removed).toEqual(['a.txt']);
    expect(db.prepare('SELECT count(*) AS n FROM passages WHERE source = ?').get('a.txt')).toEqual({ n: 0 });
  });

  it('indexes a new .md document dropped into seeds/', () => {
    const { db, seedsDir } = buildFixture({ 'a.txt': 'Un texte.' });
    writeFileSync(join(seedsDir, 'notes.md'), '# Nouveau\n\nLe nouveau document parle de télésanté.');
    const report = indexCorpus(db, { seedsDir, sources: sources(['a.txt', 'notes.md']), glossary: [], now: NOW });
    expect(report.indexed).toEqual(['notes.md']);
    expect(db.prepare('SELECT section FROM passages WHERE source = ?').get('notes.md')).toEqual({ section: 'notes › Nouveau' });
  });

  it('leaves documents indexed from elsewhere (added documents) alone', () => {
    const { db, seedsDir } = buildFixture({ 'a.txt': 'Un texte.' });
    indexDocument(db, { file: 'rapport.pdf', id: 'D1', title: 'Rapport', short: 'Rapport', content: 'Un rapport ajouté.', hash: 'h' }, { acronyms: new Set(), now: NOW });
    const input = { seedsDir, sources: sources(['a.txt']), glossary: [], now: NOW };
    expect(indexCorpus(db, { ...input, keep: new Set(['rapport.pdf']) }).removed).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM passages WHERE source = ?').get('rapport.pdf')).toEqual({ n: 1 });
    expect(indexCorpus(db, input).removed).toEqual(['rapport.pdf']);
  });

  it('fails with a clear message when a catalogued seed is missing', () => {
    const { db, seedsDir } = buildFixture({ 'a.txt': 'Un texte.' });
    const run = () => indexCorpus(db, { seedsDir, sources: sources(['a.txt', 'gone.txt']), glossary: [], now: NOW });
    expect(run).toThrow(JalonError);
    expect(run).toThrow(/gone\.txt/);
  });

  it('stores the glossary', () => {
    const glossary = [{ acronym: 'GHT', expansion: 'groupement hospitalier de territoire', variants: [], source: 'a.txt', line: 1 }];
    const { db } = buildFixture({ 'a.txt': 'GHT.' }, glossary);
    expect(readGlossary(db)).toEqual(glossary);
  });
});
