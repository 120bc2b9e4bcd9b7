/**
 * Versioned schema. Each migration runs once, in a transaction with the bump of `user_version`,
 * so a failed migration leaves the database as it was. Append only: never edit a shipped one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

import { corpusMigration } from './schema/001-corpus.js';
import { measuresMigration } from './schema/002-measures.js';
import { slackMigration } from './schema/003-slack.js';
import { digestsMigration } from './schema/004-digests.js';
import { historyRetargetMigration } from './schema/005-history-retarget.js';
import { corpusOnDiskMigration } from './schema/006-corpus-on-disk.js';
import { knowledgeCacheAndTurnsMigration } from './schema/007-knowledge-cache-and-turns.js';
import { measureDatesMigration } from './schema/008-measure-dates.js';
import { measureSearchMigration } from './schema/009-measure-search.js';
import { addedDocumentsMigration } from './schema/014-added-documents.js';

export const migrations: Migration[] = [
  corpusMigration,
  measuresMigration,
  slackMigration,
  digestsMigration,
  historyRetargetMigration,
  corpusOnDiskMigration,
  knowledgeCacheAndTurnsMigration,
  measureDatesMigration,
  measureSearchMigration,
  addedDocumentsMigration,
];
