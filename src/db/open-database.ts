import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { JalonError } from '../domain/errors.js';
import { silentLogger, type Logger } from '../log.js';
import { inboxPathOf } from './inbox-path.js';
import { migrations as allMigrations, type Migration } from './migrations.js';
import { causeOf, storageFault, type StorageFault } from './storage-fault.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * How long a write waits, blocking the thread, for another process's write lock. 5 s suits a
   * one-shot command; the Slack process sets 0 once started and retries without blocking.
   */
  busyTimeoutMs?: number;
  /** Told when a new store is created, or when the store turns out read-only. */
  logger?: Logger;
}

/** The file a store was opened from, to notice it being deleted or replaced while open. */
const identities = new WeakMap<Db, { path: string; dev: number; ino: number; readOnly: boolean }>();

/**
 * Opens (creating if needed) the SQLite store and brings its schema up to date. WAL lets the Slack
 * process and a CLI command work on the same file, and readers never wait for a writer; the busy
 * timeout turns lock contention into a short wait instead of an error.
 *
 * A store that existed is never silently replaced by a new empty one: when the file is missing
 * but the Slack intake journal beside it shows Jalon ran on it, opening fails with a message that
 * says so (docs/decisions/persist-before-ack.md). A new store is logged. A read-only store
 * opens (for reading) when its schema is current.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = allMigrations, options: OpenDatabaseOptions = {}): Db {
  const logger = options.logger ?? silentLogger;
  const file = path !== ':memory:';
  const existed = file && existsSync(path);
  if (file && !existed) {
    const journal = inboxPathOf(path);
    if (existsSync(journal)) {
      throw new JalonError(
        'storage',
        `store ${path} is missing but ${journal} shows Jalon ran on it: restore the file, or delete ${journal} to start from a new empty store`,
        `La base ${path} a disparu alors que Jalon l’utilisait (${journal} en témoigne). Restaurez-la depuis une sauvegarde, ou supprimez ${journal} pour repartir d’une base neuve.`,
      );
    }
    mkdirSync(dirname(path), { recursive: true });
    logger.info('creating a new database file', { path });
  }
  const readOnly = existed && !writable(path);
  let db: Db;
  try {
    db = new Database(path, { readonly: readOnly });
  } catch (error) {
    throw new JalonError('storage', `cannot open database ${path}: ${(error as Error).message}`, `Base de données inaccessible (${path}).`);
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (readOnly) {
      logger.error('store is read-only: questions are answered from what it holds, changes are refused', { path, cause: storageFault('readonly', path).detail });
      assertCurrentSchema(db, migrations, path);
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db, migrations);
    }
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  if (file) {
    const { dev, ino } = statSync(path);
    identities.set(db, { path, dev, ino, readOnly });
  }
  return db;
}

/**
 * Null when a write transaction can start right now, else why not (`busy`: another process holds
 * the write lock). Takes and releases the lock at once; waits at most the busy timeout.
 */
export function writeProbe(db: Db): StorageFault | null {
  try {
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    return null;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    const cause = causeOf(error);
    if (cause === null) throw error;
    return storageFault(cause, db.name);
  }
}

/** Whether this process may write the file and create the WAL files beside it (no lock taken). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when the store was opened read-only (file or directory not writable): nothing may be written. */
export function storeIsReadOnly(db: Db): boolean {
  return identities.get(db)?.readOnly ?? false;
}

/**
 * Whether the store file is still the one opened: `missing` when it was deleted, `replaced` when
 * another file took its place (SQLite would go on writing to the old, unlinked one). Null for an
 * in-memory store or when all is well.
 */
export function storeFileFault(db: Db): StorageFault | null {
  const opened = identities.get(db);
  if (!opened) return null;
  try {
    const now = statSync(opened.path);
    return now.ino === opened.ino && now.dev === opened.dev ? null : storageFault('replaced', opened.path);
  } catch {
    return storageFault('missing', opened.path);
  }
}

/** A read-only store is usable only if no migration is pending (none could be applied). */
function assertCurrentSchema(db: Db, migrations: readonly Migration[], path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  if (current < latest) {
    throw new JalonError(
      'storage',
      `store ${path} is read-only and needs migration ${latest} (at ${current})`,
      `La base ${path} est en lecture seule et doit être mise à jour : rendez-la modifiable puis relancez Jalon.`,
    );
  }
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
