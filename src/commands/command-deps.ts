import type { Db } from '../db/open-database.js';
import type { Documents } from '../documents/create-documents.js';
import type { Logger } from '../log.js';
import type { Measures } from '../measures/create-measures.js';

/** What the /mesure handlers need, chosen once at start-up by the surface (Slack or console). */
export interface CommandDeps {
  db: Db;
  measures: Measures;
  now: () => Date;
  /** JALON_ADMINS: Slack user IDs who may change anything. */
  admins: readonly string[];
  logger: Logger;
  /** Document title of a seed file (sources of a card). */
  sourceTitle: (file: string) => string;
  /** Whether a user is a member of a channel (Slack: conversations.members). */
  isMember: (channel: string, userId: string) => Promise<boolean>;
  /** JALON_TZ, JALON_DIGEST_HORIZON_DAYS and the default schedule (JALON_DIGEST_CRON). */
  digest: { timeZone: string; horizonDays: number; cron: string };
  /** Shipped and added documents (`/mesure document ajouter`, files sent to Jalon). */
  documents?: Documents | undefined;
}
