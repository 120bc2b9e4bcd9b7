import type Database from 'better-sqlite3';
import type { Db } from './open-database.js';

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A statement prepared once per connection: query paths run the same few statements again and again. */
export function prepared(db: Db, sql: string): Database.Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map()));
  let statement = byDb.get(sql);
  if (!statement) byDb.set(sql, (statement = db.prepare(sql)));
  return statement;
}
