import type { Db } from '../db/open-database.js';
import { loadDigestSource } from '../digest/load-digest-source.js';
import { buildDashboard, type Dashboard } from './build-dashboard.js';

/** The dashboard as of `now`: one read of the measure database (the digests' reading), then pure. */
export function loadDashboard(db: Db, options: { now: Date; timeZone: string }): Dashboard {
  const source = loadDigestSource(db, { scope: null, now: options.now, since: options.now, timeZone: options.timeZone });
  return buildDashboard({ measures: source.measures, programmeTitles: source.programmeTitles, now: options.now, timeZone: options.timeZone });
}
