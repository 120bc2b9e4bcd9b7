import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inboxPathOf } from '../../src/db/inbox-store.js';
import { openDatabase, storeFileFault, writeProbe } from '../../src/db/open-database.js';
import { causeOf, changeNotRecorded, storageFaultOf } from '../../src/db/storage-fault.js';
import { JalonError } from '../../src/domain/errors.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'jalon-fault-'));

/** The error SQLite throws for `run` (null if none). */
function errorOf(run: () => unknown): unknown {
  try {
    run();
    return null;
  } catch (error) {
    return error;
  }
}

describe('storage faults', () => {
  it('names the cause of real SQLite errors: full, read-only, busy; other errors are not storage faults', () => {
    const path = join(tempDir(), 's.db');
    const db = openDatabase(path, []);
    db.exec('CREATE TABLE t (x BLOB)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const full = errorOf(() => db.prepare('INSERT INTO t VALUES (randomblob(100000))').run());
    expect(causeOf(full)).toBe('full');
    const message = changeNotRecorded(storageFaultOf(full, path)!);
    expect(message).toBeInstanceOf(JalonError);
    expect(message.userMessage).toBe('Votre modification n’a pas été enregistrée : le disque est plein (s.db). Les administrateurs de Jalon sont prévenus.');
    expect(message.message).toContain(path);

    const other = openDatabase(path, []);
    other.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    expect(writeProbe(other)?.cause).toBe('busy');
    expect(causeOf(errorOf(() => other.exec('BEGIN IMMEDIATE')))).toBe('busy');
    db.exec('ROLLBACK');
    expect(writeProbe(other)).toBeNull();
    other.pragma('query_only = ON');
    expect(writeProbe(other)?.cause).toBe('readonly');
    expect(causeOf(errorOf(() => other.exec('SELECT * FROM nowhere')))).toBeNull();
    expect(causeOf(new Error('x'))).toBeNull();
    other.close();
    db.close();
  });

  it('notices a store file deleted or replaced while open', () => {
    const dir = tempDir();
    const path = join(dir, 'jalon.db');
    const db = openDatabase(path, []);
    expect(storeFileFault(db)).toBeNull();
    new Database(join(dir, 'other.db')).close();
    renameSync(join(dir, 'other.db'), path);
    expect(storeFileFault(db)).toMatchObject({ cause: 'replaced', path });
    db.close();
  });

  it('refuses to create a new empty store where the Slack journal shows one existed', () => {
    const dir = tempDir();
    const path = join(dir, 'jalon.db');
    writeFileSync(inboxPathOf(path), '');
    expect(() => openDatabase(path, [])).toThrow(/is missing but .*jalon\.inbox\.db shows Jalon ran on it/);
    expect(inboxPathOf(path)).toBe(join(dir, 'jalon.inbox.db'));
  });
});
