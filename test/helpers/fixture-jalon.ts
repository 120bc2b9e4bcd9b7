import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexCorpus } from '../../src/corpus/index-corpus.js';
import { readGlossary } from '../../src/db/corpus-store.js';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import type { GlossaryEntry } from '../../src/knowledge/load-glossary.js';
import type { Source } from '../../src/knowledge/load-sources.js';
import { openCorpusIndex, type CorpusIndex } from '../../src/search/corpus-index.js';

export const NOW = new Date('2020-01-15T09:00:00Z');

export interface Fixture {
  dir: string;
  seedsDir: string;
  db: Db;
  index: CorpusIndex;
  sources: Source[];
}

/** A tiny corpus in a temp dir, indexed into an in-memory database. */
export function buildFixture(
  docs: Record<string, string>,
  glossary: GlossaryEntry[] = [],
  extra: { lexicon?: Map<string, string[]>; synonyms?: string[][] } = {},
): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-'));
  const seedsDir = join(dir, 'seeds');
  mkdirSync(seedsDir);
  const sources: Source[] = [];
  for (const [file, content] of Object.entries(docs)) {
    writeFileSync(join(seedsDir, file), content);
    sources.push(fixtureSource(file));
  }
  const db = openDatabase(':memory:');
  indexCorpus(db, { seedsDir, sources, glossary, now: NOW });
  const index = openCorpusIndex(db, { glossary: readGlossary(db), lexicon: extra.lexicon ?? new Map(), synonyms: extra.synonyms ?? [] });
  return { dir, seedsDir, db, index, sources };
}

export function fixtureSource(file: string): Source {
  return { id: file.slice(0, 3), file, title: `Titre ${file}`, short: file.replace(/\..*$/, ''), publisher: 'P', date: '2020', kind: 'report', description: 'd' };
}
