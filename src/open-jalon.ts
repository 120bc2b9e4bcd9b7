import { join } from 'node:path';
import type { AnswerDeps } from './answer/answer-question.js';
import { createLlmAnswerer } from './answer/llm-answer.js';
import { createRecordFacts } from './answer/record-facts.js';
import { warmEvidence } from './answer/select-evidence.js';
import type { Config } from './config.js';
import { indexCorpus, type IndexReport } from './corpus/index-corpus.js';
import { listDocuments } from './db/corpus-store.js';
import { readProgrammes, readStoredMeasures } from './db/measure-store.js';
import { openDatabase, storeIsReadOnly, type Db } from './db/open-database.js';
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
  const db = openDatabase(config.dbPath, undefined, { logger });
  try {
    const k = (name: string) => join(config.knowledgeDir, name);
    const sources = loadSources(k('sources.yml'));
    const glossary = loadGlossary(k('glossary.yml'));
    // A read-only store is served as it is: nothing re-indexed or reloaded (that would write).
    const readOnly = storeIsReadOnly(db);
    const indexReport = readOnly
      ? { indexed: [], unchanged: listDocuments(db).map((d) => d.file), removed: [] }
      : indexCorpus(db, { seedsDir: config.seedsDir, sources, glossary, now: now(), logger });
    const passages = loadPassageIndex(db, { lexicon: loadLexicon(k('lexicon-en.yml')), synonyms: loadSynonyms(k('synonyms.yml')) });
    warmEvidence(passages);
    const measureReport = readOnly ? unchangedMeasures(db) : loadMeasures(db, k('measures'), { glossary, logger });
    const measures = createMeasures(db, { now, timeZone: config.digest.timezone });
    const answerDeps: AnswerDeps = { passages, recordFacts: createRecordFacts(passages, measures) };
    if (config.llm) answerDeps.llm = createLlmAnswerer(config.llm, logger);
    return { config, db, passages, answerDeps, logger, now, indexReport, measures, measureReport, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The load report of a store served read-only: what it holds, nothing changed. */
function unchangedMeasures(db: Db): MeasureLoadReport {
  const stored = readStoredMeasures(db);
  const milestones = stored.reduce((n, m) => n + m.milestones.length, 0);
  return { changed: false, programmes: readProgrammes(db).length, measures: stored.length, milestones, retired: [], removed: [], ms: 0 };
}
