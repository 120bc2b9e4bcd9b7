import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listDocuments, removeDocument, replaceGlossary, storeDocument, touchDocument, type PassageInput } from '../db/corpus-store.js';
import type { Db } from '../db/open-database.js';
import { namesABody, spanBits } from '../domain/answer-types.js';
import { JalonError } from '../domain/errors.js';
import type { GlossaryEntry } from '../knowledge/load-glossary.js';
import type { Source } from '../knowledge/load-sources.js';
import { silentLogger, type Logger } from '../log.js';
import { lowerWords, stemWord } from '../search/normalize.js';
import { buildPassages, type Passage } from './build-passages.js';

/** Bump when passage building or stored features change: every document is then re-indexed once. */
export const INDEXER_VERSION = 6;

/** Bit 0 of a unit's flags; the span kinds take the others (domain/answer-types). */
export const HEADING_FLAG = 1;

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

/** One document to index from text already read: its lines joined by "\n", its names, its hash. */
export interface DocumentToIndex {
  file: string;
  id: string;
  title: string;
  /** Root of every passage's heading path, and the name citations show. */
  short: string;
  content: string;
  hash: string;
}

/** Acronyms that keep their capitals in headings, and those that name a body (span rules). */
function glossaryNames(glossary: readonly GlossaryEntry[]): { acronyms: Set<string>; organisations: Set<string> } {
  return {
    acronyms: new Set(glossary.map((g) => g.acronym)),
    organisations: new Set(glossary.filter((g) => namesABody(g.expansion)).map((g) => g.acronym)),
  };
}

/**
 * Builds one document's passages and stores them in place of its previous ones, atomically (inside
 * the caller's transaction when there is one). For documents that are not files of seeds/ (added
 * documents): no size or time to compare. Returns the number of passages.
 */
export function indexDocument(db: Db, doc: DocumentToIndex, options: { glossary: readonly GlossaryEntry[]; now: Date }): number {
  const { acronyms, organisations } = glossaryNames(options.glossary);
  const passages = buildPassages(doc.file, doc.short, doc.content, { acronyms }).map((p) => toPassageInput(p, organisations));
  storeDocument(
    db,
    { file: doc.file, slug: doc.id, title: doc.title, short: doc.short, size: 0, mtimeMs: 0, hash: doc.hash, content: doc.content, nameStems: stems(`${doc.title} ${doc.short}`) },
    passages,
    options.now.toISOString(),
  );
  return passages.length;
}

const stems = (text: string) => lowerWords(text).map(stemWord);

/** What the store keeps of a passage: stems in order, heading stems, and its units' token spans. */
export function toPassageInput(passage: Passage, organisations: ReadonlySet<string> = new Set()): PassageInput {
  const body: string[] = [];
  const units = passage.units.map((unit) => {
    const first = body.length;
    body.push(...stems(unit.text));
    return { lines: unit.lines, tokens: [first, body.length] as [number, number], flags: (unit.heading ? HEADING_FLAG : 0) | spanBits(unit.text, organisations), text: unit.text };
  });
  return { lines: passage.lines, section: passage.section, body, head: stems(passage.section), units };
}

/**
 * Brings the passage index in line with seeds/, one document at a time (one transaction each, so
 * memory stays that of one document and an interrupted run resumes where it stopped). A file whose
 * size and modification time match the store is not read; one that was only touched is not
 * re-indexed; a catalogue entry or indexer change re-indexes.
 */
export function indexCorpus(db: Db, input: IndexInput): IndexReport {
  const logger = input.logger ?? silentLogger;
  if (!existsSync(input.seedsDir)) throw new JalonError('corpus', `seeds directory not found: ${input.seedsDir}`, 'Dossier seeds/ introuvable.');
  const onDisk = readdirSync(input.seedsDir).filter((f) => /\.(txt|md)$/.test(f)).sort();
  const present = new Set(onDisk);
  for (const source of input.sources) {
    if (!present.has(source.file)) {
      throw new JalonError('corpus', `seed file listed in sources.yml is missing: ${source.file}`, `Document manquant : ${source.file}`);
    }
  }
  const catalogue = new Map(input.sources.map((s) => [s.file, s]));
  const { acronyms, organisations } = glossaryNames(input.glossary);
  const keep = input.keep ?? new Set<string>();
  const known = new Map(listDocuments(db).filter((d) => !keep.has(d.file)).map((d) => [d.file, d]));
  const report: IndexReport = { indexed: [], unchanged: [], removed: [] };
  let uncatalogued = 0;

  for (const file of onDisk) {
    if (keep.has(file)) {
      logger.warn('seed file skipped: an added document has the same name', { file });
      continue;
    }
    const source = catalogue.get(file);
    if (!source) uncatalogued++;
    const path = join(input.seedsDir, file);
    const { size, mtimeMs } = statSync(path);
    const stored = known.get(file);
    const entry = `${INDEXER_VERSION}\n${JSON.stringify(source ?? null)}\n`;
    const entryHash = createHash('sha256').update(entry).digest('hex').slice(0, 16);
    if (stored && stored.size === size && stored.mtime_ms === Math.floor(mtimeMs) && stored.hash.startsWith(entryHash)) {
      report.unchanged.push(file);
      continue;
    }
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch {
      throw new JalonError('corpus', `cannot read seed file ${file}`, `Document illisible : ${file}`);
    }
    // The catalogue part leads the hash so that the check above needs no read of the file.
    const hash = `${entryHash}${createHash('sha256').update(content).digest('hex')}`;
    if (stored?.hash === hash) {
      touchDocument(db, file, size, Math.floor(mtimeMs));
      report.unchanged.push(file);
      continue;
    }
    const title = source?.title ?? file;
    const short = source?.short ?? file.replace(/\.(txt|md)$/, '');
    const passages = buildPassages(file, short, content, { acronyms }).map((p) => toPassageInput(p, organisations));
    storeDocument(
      db,
      { file, slug: source?.id ?? short, title, short, size, mtimeMs: Math.floor(mtimeMs), hash, content, nameStems: stems(`${title} ${short}`) },
      passages,
      input.now.toISOString(),
    );
    report.indexed.push(file);
    logger.info('indexed document', { file, passages: passages.length });
  }
  if (uncatalogued > 0) logger.warn('seed files not catalogued in knowledge/sources.yml; indexed under their file names', { files: uncatalogued });
  for (const file of known.keys()) {
    if (!present.has(file)) {
      removeDocument(db, file);
      report.removed.push(file);
    }
  }
  replaceGlossary(db, input.glossary);
  return report;
}
