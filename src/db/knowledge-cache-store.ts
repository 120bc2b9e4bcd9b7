import type { KnowledgeCache } from '../knowledge/read-yaml.js';
import type { Db } from './open-database.js';

/**
 * The store's cache of parsed knowledge files. A failed write (a store another process holds, a
 * read-only file) only costs a parse at the next start: it is not an error.
 */
export function knowledgeCache(db: Db): KnowledgeCache {
  const read = db.prepare('SELECT json FROM knowledge_cache WHERE path = ? AND stamp = ?');
  const write = db.prepare('INSERT INTO knowledge_cache (path, stamp, json) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET stamp = excluded.stamp, json = excluded.json');
  return {
    get(path, stamp) {
      const row = read.get(path, stamp) as { json: string } | undefined;
      return row ? (JSON.parse(row.json) as unknown) : undefined;
    },
    set(path, stamp, value) {
      try {
        write.run(path, stamp, JSON.stringify(value));
      } catch {
        // Next start parses the file again.
      }
    },
  };
}
