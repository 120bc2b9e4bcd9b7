import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.js';
import { openJalon, type Jalon } from '../../src/open-jalon.js';

/** The real Jalon (shipped seeds and knowledge) on a fresh temp database, at a fixed "now". */
export function openTestJalon(env: NodeJS.ProcessEnv = {}, now = new Date('2019-10-07T09:00:00Z')): Jalon {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-test-'));
  return openJalon(parseConfig({ JALON_DB: join(dir, 'jalon.db'), LOG_LEVEL: 'silent', ...env }), { now: () => now });
}
