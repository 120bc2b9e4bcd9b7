import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { openJalon } from '../src/open-jalon.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A store with the shipped corpus indexed and the measure database loaded, built once per run. */
    templateDb: string;
  }
}

/**
 * Indexes the shipped corpus and loads the measure database once for the whole run: tests that
 * need Jalon over the real seeds open a copy of it (test/fakes/test-jalon.ts) instead of indexing
 * again in every file.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-template-'));
  const path = join(dir, 'template.db');
  const jalon = openJalon(parseConfig({ JALON_DB: path, LOG_LEVEL: 'silent' }, { slackApp: false }), { logger: silentLogger });
  void jalon.corpus;
  jalon.db.pragma('wal_checkpoint(TRUNCATE)');
  jalon.close();
  project.provide('templateDb', path);
  return () => rmSync(dir, { recursive: true, force: true });
}
