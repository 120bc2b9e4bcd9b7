import { join } from 'node:path';
import type { AnswerDeps } from './answer/answer-question.js';
import { createLlmAnswerer } from './answer/llm-answer.js';
import { createRecordFacts } from './answer/record-facts.js';
import { warmEvidence } from './answer/select-evidence.js';
import type { Config } from './config.js';
import { indexCorpus, type IndexReport } from './corpus/index-corpus.js';
import { createDocuments, type Documents } from './documents/create-documents.js';
import { openDatabase, type Db } from './db/open-database.js';
import { loadGlossary } from './knowledge/load-glossary.js';
import { loadLexicon, loadSynonyms } from './knowledge/load-lexicon.js';
import { loadSources } from './knowledge/load-sources.js';
import { silentLogger, type Logger } from './log.js';
import { createMeasures, type Measures } from './measures/create-measures.js';
import { loadMeasures, type MeasureLoadReport } from './measures/load-measures.js';
import { loadPassageIndex, type PassageIndex } from './search/passage-index.js';

/** Everything the adapters (CLI, console, Slack) work on, built once at start-up. */
export interface Jalon {
  config: Config;
  db: Db;
  passages: PassageIndex;
  answerDeps: AnswerDeps;
  logger: Logger;
  /** The clock: JALON_NOW when set, else the system's. */
  now: () => Date;
  indexReport: IndexReport;
  /** The measure database (find, show, list, set status, history, lint). */
  measures: Measures;
  measureReport: MeasureLoadReport;
  /** Shipped and added documents: add, list, remove; dates and pages for citations. */
  documents: Documents;
  /**
   * Reloads the in-memory passage index from the store (documents.add/remove call it) and swaps it
   * in where it is used: the answer dependencies are shared by reference with every surface, so
   * the next question sees the new index.
   */
  reloadPassages(): void;
  close(): void;
}

export interface OpenOptions {
  logger?: Logger;
  now?: () => Date;
}

/**
 * Opens the store, (re)indexes whatever changed in seeds/ and knowledge/, and loads the in-memory
 * search structures. Cheap when nothing changed: content hashes are compared, nothing rebuilt.
 */
export function openJalon(config: Config, options: OpenOptions = {}): Jalon {
  const logger = options.logger ?? silentLogger;
  const fixed = config.now;
  const now = options.now ?? (fixed ? () => fixed : () => new Date());
  const db = openDatabase(config.dbPath);
  try {
    const k = (name: string) => join(config.knowledgeDir, name);
    const sources = loadSources(k('sources.yml'));
    const glossary = loadGlossary(k('glossary.yml'));
    let jalon: Jalon | undefined;
    const documents = createDocuments({
      db,
      dir: config.documents.dir,
      maxBytes: config.documents.maxBytes,
      now,
      logger,
      sources,
      // A document added or removed while running is searchable (or gone) at the next question.
      onChange: () => jalon?.reloadPassages(),
    });
    const added = new Set(documents.catalogue.all().filter((d) => d.origin === 'added').map((d) => d.file));
    const indexReport = indexCorpus(db, { seedsDir: config.seedsDir, sources, glossary, now: now(), logger, keep: added });
    documents.refreshStale();
    const resources = { lexicon: loadLexicon(k('lexicon-en.yml')), synonyms: loadSynonyms(k('synonyms.yml')) };
    const passages = loadPassageIndex(db, resources);
    warmEvidence(passages);
    const measureReport = loadMeasures(db, k('measures'), { glossary, logger });
    const measures = createMeasures(db, { now, timeZone: config.digest.timezone });
    const answerDeps: AnswerDeps = { passages, recordFacts: createRecordFacts(passages, measures), documents: documents.catalogue };
    if (config.llm) answerDeps.llm = createLlmAnswerer(config.llm, logger);
    const reloadPassages = () => {
      const fresh = loadPassageIndex(db, resources);
      warmEvidence(fresh);
      jalon!.passages = fresh;
      answerDeps.passages = fresh;
      answerDeps.recordFacts = createRecordFacts(fresh, measures);
    };
    jalon = { config, db, passages, answerDeps, logger, now, indexReport, measures, measureReport, documents, reloadPassages, close: () => db.close() };
    return jalon;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Only what the document commands need — the store, the shipped corpus in sync, the documents —
 * without the search index or the measure database: `jalon documents add` starts faster, and a
 * process that exits right after adding has no index to reload.
 */
export function openDocumentStore(config: Config, options: OpenOptions = {}): Pick<Jalon, 'documents' | 'close'> {
  const logger = options.logger ?? silentLogger;
  const fixed = config.now;
  const now = options.now ?? (fixed ? () => fixed : () => new Date());
  const db = openDatabase(config.dbPath);
  try {
    const sources = loadSources(join(config.knowledgeDir, 'sources.yml'));
    const glossary = loadGlossary(join(config.knowledgeDir, 'glossary.yml'));
    const documents = createDocuments({ db, dir: config.documents.dir, maxBytes: config.documents.maxBytes, now, logger, sources });
    const added = new Set(documents.catalogue.all().filter((d) => d.origin === 'added').map((d) => d.file));
    indexCorpus(db, { seedsDir: config.seedsDir, sources, glossary, now: now(), logger, keep: added });
    documents.refreshStale();
    return { documents, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}
