import { join } from 'node:path';
import { parseConfig } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../log.js';
import { createMeasures } from '../measures/create-measures.js';
import { loadMeasures } from '../measures/load-measures.js';
import type { MeasureJalon } from './measure-commands.js';

/**
 * The measure commands' wrapper: opens the store and the measure database only — no passage
 * index, no document hashing — so that `jalon measure …` starts as fast as the store allows, at
 * any size of corpus. Loads knowledge/measures when it changed (size and modification time first;
 * the glossary is parsed only then), runs the action, always closes.
 */
export function withMeasures<A extends unknown[]>(action: (jalon: MeasureJalon, ...args: A) => unknown) {
  return async (...args: A) => {
    // Commands do not receive Slack requests: no signing secret needed.
    const config = parseConfig(process.env, { slackApp: false });
    const logger = createLogger(config.logLevel);
    const db = openDatabase(config.dbPath);
    try {
      loadMeasures(db, join(config.knowledgeDir, 'measures'), { glossaryPath: join(config.knowledgeDir, 'glossary.yml'), logger });
      const fixed = config.now;
      const measures = createMeasures(db, { now: fixed ? () => fixed : () => new Date(), timeZone: config.digest.timezone });
      await action({ measures }, ...args);
    } finally {
      db.close();
    }
  };
}
