import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexCorpus, indexDocument } from '../../src/corpus/index-corpus.js';
import { lookupTerms, readCorpusStats, readGlossary } from '../../src/db/corpus-store.js';
import { JalonError } from '../../src/domain/errors.js';
import { buildFixture, fixtureSource, NOW } from '../helpers/fixture-jalon.js';

const sources = (files: string[]) => files.map(fixtureSource);
const passagesOf = (db: ReturnType<typeof buildFixture>['db'], file: string) =>
  db.prepare('SELECT p.section, p.line_from FROM passages p JOIN documents d ON d.id = p.doc WHERE d.file = ?').all(file) as { section: string }[];
const indexedAt = (db: ReturnType<typeof buildFixture>['db'], file: string) => (db.prepare('SELECT indexed_at FROM documents WHERE file = ?').get(file) as { indexed_at: string }).indexed_at;

describe('indexCorpus', () => {
  it('re-indexes only documents whose content changed, and removes vanished ones', () => {
    const { db, seedsDir } = buildFixture({ 'a.txt': 'Un texte.', 'b.txt': 'Un autre texte.' });
    const input = { seedsDir, sources: sources(['a.txt', 'b.txt']), glossary: [], now: NOW };
    expect(indexCorpus(db, input)).toEqual({ indexed: [], unchanged: ['a.txt', 'b.txt'], removed: [] });
    writeFileSync(join(seedsDir, 'b.txt'), 'Un texte modifié.');
    expect(indexCorpus(db, input).indexed).toEqual(['b.txt']);
    rmSync(join(seedsDir, 'a.txt'));
    expect(indexCorpus(db, { ...input, sources: sources(['b.txt']) }).removed).toEqual(['a.txt']);
    expect(passagesOf(db, 'a.txt')).toEqual([]);
  });

  it('leaves a touched but unchanged file alone, and remembers its new time', () => {
    const { db, seedsDir } = buildFixture({ 'a.txt': 'Un texte sur la télésanté.' });
    const input = { seedsDir, sources: sources(['a.txt']), glossary: [], now: new Date('2021-01-01T00:00:00Z') };
    const before = indexedAt(db, 'a.txt');
    utimesSync(join(seedsDir, 'a.txt'), new Date('2030-01-01'), new Date('2030-01-01'));
    expect(indexCorpus(db, input).unchanged).toEqual(['a.txt']);
    expect(indexedAt(db, 'a.txt')).toBe(before);
    const stored = db.prepare('SELECT mtime_ms FROM documents WHERE file = ?').get('a.txt') as { mtime_ms: number };
    expect(stored.mtime_ms).toBe(new Date('2030-01-01').getTime());
  });

  it('indexes a new .md document dropped into seeds/', () => {
    const { db, seedsDir } = buildFixture({ 'a.txt': 'Un texte.' });
    writeFileSync(join(seedsDir, 'notes.md'), '# Nouveau\n\nLe nouveau document parle de télésanté.');
    const report = indexCorpus(db, { seedsDir, sources: sources(['a.txt', 'notes.md']), glossary: [], now: NOW });
    expect(report.indexed).toEqual(['notes.md']);
    expect(passagesOf(db, 'notes.md')[0]).toMatchObject({ section: 'notes › Nouveau' });
  });

  it('keeps document frequencies and statistics exact across re-indexing and removal', () => {
    const { db, seedsDir } = buildFixture({ 'a.txt': 'Les hôpitaux de proximité.', 'b.txt': 'Des hôpitaux et des cliniques.' });
    const df = (stem: string) => lookupTerms(db, [stem]).get(stem)?.df ?? 0;
    expect(df('hopital')).toBe(2);
    expect(readCorpusStats(db).passages).toBe(2);
    const input = { seedsDir, sources: sources(['a.txt', 'b.txt']), glossary: [], now: NOW };
    writeFileSync(join(seedsDir, 'b.txt'), 'Des cliniques seulement.');
    indexCorpus(db, input);
    expect(df('hopital')).toBe(1);
    expect(df('cliniqu')).toBe(1);
    rmSync(join(seedsDir, 'a.txt'));
    indexCorpus(db, { ...input, sources: sources(['b.txt']) });
    expect(df('hopital')).toBe(0);
    expect(readCorpusStats(db)).toEqual({ passages: 1, tokens: 3 });
  });

  it('commits document by document: a failure keeps what was indexed, and the next run resumes', () => {
    const { db, seedsDir } = buildFixture({});
    writeFileSync(join(seedsDir, 'a.txt'), 'Premier document.');
    mkdirSync(join(seedsDir, 'b.txt'));
    writeFileSync(join(seedsDir, 'c.txt'), 'Troisième document.');
    const input = { seedsDir, sources: [], glossary: [], now: NOW };
    expect(() => indexCorpus(db, input)).toThrow(/b\.txt/);
    expect(passagesOf(db, 'a.txt')).toHaveLength(1);
    rmSync(join(seedsDir, 'b.txt'), { recursive: true });
    expect(indexCorpus(db, input)).toEqual({ indexed: ['c.txt'], unchanged: ['a.txt'], removed: [] });
  });

  it('leaves documents indexed from elsewhere (added documents) alone', () => {
    const { db, seedsDir } = buildFixture({ 'a.txt': 'Un texte.' });
    indexDocument(db, { file: 'rapport.pdf', id: 'D1', title: 'Rapport', short: 'Rapport', content: 'Un rapport ajouté.', hash: 'h' }, { glossary: [], now: NOW });
    const input = { seedsDir, sources: sources(['a.txt']), glossary: [], now: NOW };
    expect(indexCorpus(db, { ...input, keep: new Set(['rapport.pdf']) }).removed).toEqual([]);
    expect(passagesOf(db, 'rapport.pdf')).toHaveLength(1);
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
