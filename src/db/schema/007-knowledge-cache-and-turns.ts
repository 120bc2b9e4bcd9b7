import type { Migration } from '../migrations.js';

/**
 * Parsed knowledge files (glossary, lexicon, synonyms, catalogue), keyed by path and stamped with
 * the file's size and modification time: a command starts without parsing YAML it already read.
 * Conversation turns: a follow-up in a Slack thread or a console session is read with the turn
 * before it.
 */
export const knowledgeCacheAndTurnsMigration: Migration = {
  version: 7,
  name: 'knowledge-cache-and-turns',
  sql: `
    CREATE TABLE knowledge_cache (
      path TEXT PRIMARY KEY,
      stamp TEXT NOT NULL,
      json TEXT NOT NULL
    );
    CREATE TABLE conversation_turns (
      id INTEGER PRIMARY KEY,
      -- "<channel>:<thread ts>" in Slack, "console:<session>" in the console.
      conversation TEXT NOT NULL,
      at TEXT NOT NULL,
      question TEXT NOT NULL,
      -- The question as answered: with the previous turn's topic when it was a follow-up.
      resolved TEXT NOT NULL
    );
    CREATE INDEX conversation_turns_conversation ON conversation_turns(conversation, id);
  `,
};
