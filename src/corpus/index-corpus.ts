import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDocuments, removeDocument, replaceDocument, replaceGlossary, type IndexedPassage } from '../db/corpus-store.js';
import type { Db } from '../db/open-database.js';
import { JalonError } from '../domain/errors.js';
import type { GlossaryEntry } from '../knowledge/load-glossary.js';
import type { Source } from '../knowledge/load-sources.js';
import { silentLogger, type Logger } from '../log.js';
import { stemText } from '../search/normalize.js';
import { buildPassages } from './build-passages.js';

/** Bump when passage building changes: every document is then re-indexed once. */
export const INDEXER_VERSION = 4;

export interface IndexReport {
  indexed: string[];
  unchanged: string[];
  removed: string[];
}

export interface IndexInput {
  seedsDir: string;
  sources: readonly Source[];
  glossary: readonly GlossaryEntry[];
  now: Date;
  logger?: Logger;
  /** Files indexed from elsewhere (documents added with `jalon documents add`): never removed here. */
  keep?: ReadonlySet<string>;
}

/** One document to index: its lines joined by "\n", its catalogue names and its content hash. */
export interface DocumentToIndex {
  file: string;
  id: string;
  title: string;
  /** Root of every passage's heading path, and the name citations show. */
  short: string;
  content: string;
  hash: string;
}

/**
 * Builds one document's passages (sections, line ranges, stems) and stores them in place of its
 * previous ones, atomically (inside the caller's transaction when there is one). Returns the
 * number of passages.
 */
export function indexDocument(db: Db, doc: DocumentToIndex, options: { acronyms: ReadonlySet<string>; now: Date }): number {
  const passages: IndexedPassage[] = buildPassages(doc.file, doc.short, doc.content, { acronyms: options.acronyms }).map((passage) => ({
    passage,
    sectionStems: stemText(passage.section),
    bodyStems: stemText(passage.text),
  }));
  const lineCount = doc.content.split('\n').length;
  replaceDocument(db, { file: doc.file, id: doc.id, title: doc.title, short: doc.short, hash: doc.hash, line_count: lineCount, content: doc.content }, passages, options.now.toISOString());
  return passages.length;
}

/**
 * Brings the passage index in line with seeds/: documents whose content hash (with the catalogue
 * entry and indexer version) changed are rebuilt, vanished ones removed, the rest left alone.
 */
export function indexCorpus(db: Db, input: IndexInput): IndexReport {
  const logger = input.logger ?? silentLogger;
  if (!existsSync(input.seedsDir)) throw new JalonError('corpus', `seeds directory not found: ${input.seedsDir}`, 'Dossier seeds/ introuvable.');
  const onDisk = readdirSync(input.seedsDir).filter((f) => /\.(txt|md)$/.test(f)).sort();
  for (const source of input.sources) {
    if (!onDisk.includes(source.file)) {
      throw new JalonError('corpus', `seed file listed in sources.yml is missing: ${source.file}`, `Document manquant : ${source.file}`);
    }
  }
  const acronyms = new Set(input.glossary.map((g) => g.acronym));
  const keep = input.keep ?? new Set<string>();
  const known = new Map(listDocuments(db).filter((d) => !keep.has(d.file)).map((d) => [d.file, d]));
  const report: IndexReport = { indexed: [], unchanged: [], removed: [] };

  for (const file of onDisk) {
    if (keep.has(file)) {
      logger.warn('seed file skipped: an added document has the same name', { file });
      continue;
    }
    const source = input.sources.find((s) => s.file === file);
    if (!source) logger.warn('seed file not catalogued in knowledge/sources.yml; indexed under its file name', { file });
    let content: string;
    try {
      content = readFileSync(join(input.seedsDir, file), 'utf8');
    } catch {
      throw new JalonError('corpus', `cannot read seed file ${file}`, `Document illisible : ${file}`);
    }
    const title = source?.title ?? file;
    const short = source?.short ?? file.replace(/\.(txt|md)$/, '');
    const hash = createHash('sha256').update(`${INDEXER_VERSION}\n${JSON.stringify(source ?? null)}\n`).update(content).digest('hex');
    if (known.get(file)?.hash === hash) {
      report.unchanged.push(file);
      continue;
    }
    const passages = indexDocument(db, { file, id: source?.id ?? short, title, short, hash, content }, { acronyms, now: input.now });
    report.indexed.push(file);
    logger.info('indexed document', { file, passages });
  }
  for (const file of known.keys()) {
    if (!onDisk.includes(file)) {
      removeDocument(db, file);
      report.removed.push(file);
    }
  }
  replaceGlossary(db, input.glossary);
  return report;
}
