import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AnswerDeps } from './answer/answer-question.js';
import { createLlmAnswerer } from './answer/llm-answer.js';
import { createRecordFacts } from './answer/record-facts.js';
import { answerTracking } from './answer/tracking-answer.js';
import type { Config } from './config.js';
import { INDEXER_VERSION, indexCorpus, type IndexReport } from './corpus/index-corpus.js';
import { createDocuments, type Documents } from './documents/create-documents.js';
import { hasDocuments } from './db/corpus-store.js';
import { knowledgeCache } from './db/knowledge-cache-store.js';
import { readProgrammes, readStoredMeasures } from './db/measure-store.js';
import { openDatabase, storeIsReadOnly, type Db } from './db/open-database.js';
import { loadGlossary, type GlossaryEntry } from './knowledge/load-glossary.js';
import { loadLexicon, loadSynonyms } from './knowledge/load-lexicon.js';
import { loadSources } from './knowledge/load-sources.js';
import { silentLogger, type Logger } from './log.js';
import { createMeasures, type Measures } from './measures/create-measures.js';
import { loadMeasures, type MeasureLoadReport } from './measures/load-measures.js';
import { prepareResources, type PreparedResources, type QueryResources } from './search/analyze-query.js';
import { openCorpusIndex, type CorpusIndex } from './search/corpus-index.js';
import type { KnowledgeCache } from './knowledge/read-yaml.js';

/** Everything the adapters (CLI, console, Slack) work on, opened once at start-up. */
export interface Jalon {
  config: Config;
  db: Db;
  logger: Logger;
  /** The clock: JALON_NOW when set, else the system's. */
  now: () => Date;
  /**
   * The passage index, brought up to date with seeds/ on first use (files are compared by size and
   * modification time first). Commands that never read documents never pay for it.
   */
  readonly corpus: CorpusIndex;
  /** What the first use of `corpus` did to the index. */
  readonly indexReport: IndexReport;
  readonly answerDeps: AnswerDeps;
  /** Short title of a document ("Ségur — avancement"), from the catalogue: no index needed. */
  sourceTitle(file: string): string;
  /** The measure database (find, show, list, set status, history, lint). */
  measures: Measures;
  measureReport: MeasureLoadReport;
  /** Shipped and added documents: add, list, remove; dates and pages for citations. */
  readonly documents: Documents;
  close(): void;
}

export interface OpenOptions {
  logger?: Logger;
  now?: () => Date;
  /**
   * When the passage index is brought up to date with seeds/: at first use (the default: `jalon
   * index`, start, the console, evaluation), or only when the store has no document yet (`ask` and
   * `search` read the store as indexed, so that they start in the same time at any corpus size).
   */
  corpusSync?: 'always' | 'when-empty';
}

/**
 * Opens the store and brings the measure database in line with knowledge/. The passage index and
 * the answer layer open lazily, on first use.
 */
export function openJalon(config: Config, options: OpenOptions = {}): Jalon {
  const logger = options.logger ?? silentLogger;
  const fixed = config.now;
  const now = options.now ?? (fixed ? () => fixed : () => new Date());
  const db = openDatabase(config.dbPath, undefined, { logger });
  const k = (name: string) => join(config.knowledgeDir, name);
  try {
    const cache = knowledgeCache(db);
    // A read-only store is served as it is: nothing re-indexed or reloaded (that would write).
    const readOnly = storeIsReadOnly(db);
    const measureReport = readOnly ? unchangedMeasures(db) : loadMeasures(db, k('measures'), { glossaryPath: k('glossary.yml'), logger });
    const measures = createMeasures(db, { now, timeZone: config.digest.timezone });
    let documents: Documents | undefined;
    // Added documents are searchable at the next question: the index is read from the store.
    const openDocuments = () => (documents ??= createDocuments({ db, dir: config.documents.dir, maxBytes: config.documents.maxBytes, now, logger, sources: loadSources(k('sources.yml'), cache) }));
    let corpus: { index: CorpusIndex; report: IndexReport } | undefined;
    const openCorpus = () => {
      if (!corpus) {
        const glossary = loadGlossary(k('glossary.yml'), cache);
        // Read as indexed: nothing compared, nothing changed.
        const skip = readOnly || (options.corpusSync === 'when-empty' && hasDocuments(db));
        const report = skip ? { indexed: [], unchanged: [], removed: [] } : syncCorpus(db, config, openDocuments(), { glossary, now: now(), logger, cache });
        const base = { glossary, lexicon: loadLexicon(k('lexicon-en.yml'), cache), synonyms: loadSynonyms(k('synonyms.yml'), cache) };
        const resources: QueryResources = { ...base, prepared: cachedPreparation(cache, k, base) };
        corpus = { index: openCorpusIndex(db, resources), report };
      }
      return corpus;
    };
    let answerDeps: AnswerDeps | undefined;
    let titles: Map<string, string> | undefined;
    return {
      config,
      db,
      logger,
      now,
      get corpus() {
        return openCorpus().index;
      },
      get indexReport() {
        return openCorpus().report;
      },
      get answerDeps() {
        if (!answerDeps) {
          const index = openCorpus().index;
          const tracking = { db, now, timeZone: config.digest.timezone, horizonDays: config.digest.horizonDays, title: (file: string) => index.title(file), lines: (file: string) => index.lines(file) };
          const deps: AnswerDeps = {
            corpus: index,
            recordFacts: createRecordFacts(index, measures),
            tracking: (request, english) => answerTracking(tracking, request, english),
            documents: openDocuments().catalogue,
          };
          if (config.llm) deps.llm = createLlmAnswerer(config.llm, logger);
          answerDeps = deps;
        }
        return answerDeps;
      },
      sourceTitle(file) {
        titles ??= new Map(loadSources(k('sources.yml'), cache).map((s) => [s.file, s.short]));
        return titles.get(file) ?? file;
      },
      measures,
      measureReport,
      get documents() {
        return openDocuments();
      },
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Brings the shipped corpus in line with seeds/ (added documents are the catalogue's) and refreshes stale added ones. */
function syncCorpus(db: Db, config: Config, documents: Documents, options: { glossary: GlossaryEntry[]; now: Date; logger: Logger; cache: KnowledgeCache }): IndexReport {
  const k = (name: string) => join(config.knowledgeDir, name);
  const keep = new Set(documents.catalogue.all().filter((d) => d.origin === 'added').map((d) => d.file));
  const report = indexCorpus(db, { seedsDir: config.seedsDir, sources: loadSources(k('sources.yml'), options.cache), glossary: options.glossary, now: options.now, logger: options.logger, keep });
  documents.refreshStale();
  return report;
}

/**
 * Only what the document commands need — the store, the shipped corpus in sync, the documents —
 * without the measure database: `jalon documents add` starts faster.
 */
export function openDocumentStore(config: Config, options: OpenOptions = {}): Pick<Jalon, 'documents' | 'close'> {
  const logger = options.logger ?? silentLogger;
  const fixed = config.now;
  const now = options.now ?? (fixed ? () => fixed : () => new Date());
  const db = openDatabase(config.dbPath, undefined, { logger });
  try {
    const cache = knowledgeCache(db);
    const k = (name: string) => join(config.knowledgeDir, name);
    const documents = createDocuments({ db, dir: config.documents.dir, maxBytes: config.documents.maxBytes, now, logger, sources: loadSources(k('sources.yml'), cache) });
    syncCorpus(db, config, documents, { glossary: loadGlossary(k('glossary.yml'), cache), now: now(), logger, cache });
    return { documents, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Query resources stemmed once per change of the files they come from, not once per process. */
function cachedPreparation(cache: KnowledgeCache, k: (name: string) => string, resources: Omit<QueryResources, 'prepared'>): PreparedResources {
  const stamp = ['glossary.yml', 'lexicon-en.yml', 'synonyms.yml']
    .map((name) => {
      const { size, mtimeMs } = statSync(k(name));
      return `${name}:${size}:${mtimeMs}`;
    })
    .join('|');
  // Stemming changes go with the indexer's version.
  const key = `prepared-query-resources:${INDEXER_VERSION}`;
  const hit = cache.get(key, stamp) as PreparedResources | undefined;
  if (hit) return hit;
  const ready = prepareResources(resources);
  cache.set(key, stamp, ready);
  return ready;
}

/** The load report of a store served read-only: what it holds, nothing changed. */
function unchangedMeasures(db: Db): MeasureLoadReport {
  const stored = readStoredMeasures(db);
  const milestones = stored.reduce((n, m) => n + m.milestones.length, 0);
  return { changed: false, programmes: readProgrammes(db).length, measures: stored.length, milestones, retired: [], removed: [], ms: 0 };
}
