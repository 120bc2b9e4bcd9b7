import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { loadGlossary } from '../../src/knowledge/load-glossary.js';
import { createMeasures, type Measures } from '../../src/measures/create-measures.js';
import { loadMeasures } from '../../src/measures/load-measures.js';
import { KNOWLEDGE_DIR } from './seeds.js';

/** "Today" of tests over the shipped measure database: after every document's date. */
export const SHIPPED_NOW = new Date('2021-03-01T09:00:00Z');

let shipped: { db: Db; measures: Measures } | undefined;

/** The shipped knowledge/measures loaded once per test file into an in-memory store (read-only use). */
export function shippedMeasures(): { db: Db; measures: Measures } {
  if (!shipped) {
    const db = openDatabase(':memory:');
    loadMeasures(db, join(KNOWLEDGE_DIR, 'measures'), { glossary: loadGlossary(join(KNOWLEDGE_DIR, 'glossary.yml')) });
    shipped = { db, measures: createMeasures(db, { now: () => SHIPPED_NOW }) };
  }
  return shipped;
}
