import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { JalonError } from '../domain/errors.js';
import { migrations as allMigrations, type Migration } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite store and brings its schema up to date. WAL lets the Slack
 * process and a CLI command work on the same file; the busy timeout turns lock contention into a
 * short wait instead of an error.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = allMigrations): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw new JalonError('storage', `cannot open database ${path}: ${(error as Error).message}`, 'Base de données inaccessible.');
  }
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  migrate(db, migrations);
  return db;
}

/** Applies pending migrations, each atomically with its version bump. Returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (migration.version <= current) continue;
    // IMMEDIATE: two processes starting at once must not both run the same migration.
    const run = db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return false;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    try {
      if (run.immediate()) applied.push(migration.version);
    } catch (error) {
      throw new JalonError(
        'storage',
        `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
        'Mise à jour de la base de données impossible.',
      );
    }
  }
  return applied;
}
