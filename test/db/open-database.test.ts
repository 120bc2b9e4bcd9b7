import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JalonError } from '../../src/domain/errors.js';
import { migrate, openDatabase } from '../../src/db/open-database.js';
import { migrations } from '../../src/db/migrations.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'jalon-db-')), 'nested', 'jalon.db');

describe('openDatabase', () => {
  it('creates the file, enables WAL and applies every migration', () => {
    const db = openDatabase(tempDb());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'passages_fts'").get()).toBeTruthy();
    db.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const path = tempDb();
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(migrate(db, migrations)).toEqual([]);
    db.close();
  });

  it('leaves the database as it was when a migration fails', () => {
    const db = openDatabase(':memory:', [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' }]);
    const broken = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow(JalonError);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });
});
