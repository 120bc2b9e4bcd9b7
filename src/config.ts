import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { JalonError } from './domain/errors.js';

/** The project root: seeds/ and knowledge/ ship beside dist/ and src/. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const EnvSchema = z.object({
  JALON_DB: z.string().trim().min(1).default('./data/jalon.db'),
  JALON_SEEDS_DIR: z.string().trim().min(1).default(resolve(PROJECT_ROOT, 'seeds')),
  JALON_KNOWLEDGE_DIR: z.string().trim().min(1).default(resolve(PROJECT_ROOT, 'knowledge')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  JALON_ADMINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be Slack user IDs like U012ABC'))),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  JALON_LLM_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  JALON_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  JALON_TZ: z.string().trim().min(1).default('Europe/Paris'),
  JALON_DIGEST_CRON: z.string().trim().min(1).default('0 9 * * 1'),
  JALON_DIGEST_HORIZON_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  JALON_DIGEST_GRACE_HOURS: z.coerce.number().min(0).max(72).default(10),
  JALON_DIGEST_SKIP_EMPTY: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  JALON_DOCUMENTS_DIR: optionalString,
  JALON_DOCUMENT_MAX_MB: z.coerce.number().positive().max(2048).default(50),
  JALON_NOW: optionalString.pipe(z.iso.datetime({ offset: true, local: true }).or(z.iso.date()).optional()),
});

export type SlackMode = 'socket' | 'http' | 'console';

export interface Config {
  dbPath: string;
  seedsDir: string;
  knowledgeDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  slack: {
    mode: SlackMode;
    botToken: string | undefined;
    appToken: string | undefined;
    signingSecret: string | undefined;
    apiUrl: string | undefined;
    port: number;
    admins: string[];
  };
  llm: { apiKey: string; baseUrl: string | undefined; model: string; timeoutMs: number } | undefined;
  digest: { timezone: string; cron: string; horizonDays: number; graceHours: number; skipEmpty: boolean };
  /** A fixed "today" for replaying the documents' period (JALON_NOW), else undefined = the clock. */
  now: Date | undefined;
  /** Added documents: where their copies go (undefined with an in-memory store) and the size limit. */
  documents: { dir: string | undefined; maxBytes: number };
}

/**
 * Parses the environment once, at start-up. A missing or invalid variable fails with one message
 * naming it, never a stack trace.
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new JalonError('config', `invalid ${name}: ${issue.message}`, `Configuration invalide : ${name} (${issue.message})`);
  }
  const e = parsed.data;
  const mode: SlackMode = e.SLACK_APP_TOKEN ? 'socket' : e.SLACK_BOT_TOKEN ? 'http' : 'console';
  if (mode !== 'console' && !e.SLACK_BOT_TOKEN) {
    throw new JalonError('config', 'SLACK_BOT_TOKEN is required with SLACK_APP_TOKEN', 'Configuration invalide : SLACK_BOT_TOKEN manquant');
  }
  if (mode === 'http' && !e.SLACK_SIGNING_SECRET) {
    throw new JalonError(
      'config',
      'SLACK_SIGNING_SECRET is required in HTTP mode (SLACK_BOT_TOKEN without SLACK_APP_TOKEN)',
      'Configuration invalide : SLACK_SIGNING_SECRET manquant',
    );
  }
  const dbPath = e.JALON_DB === ':memory:' ? ':memory:' : resolve(e.JALON_DB);
  return {
    dbPath,
    seedsDir: resolve(e.JALON_SEEDS_DIR),
    knowledgeDir: resolve(e.JALON_KNOWLEDGE_DIR),
    logLevel: e.LOG_LEVEL,
    slack: {
      mode,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
      admins: e.JALON_ADMINS,
    },
    llm: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.JALON_LLM_MODEL, timeoutMs: e.JALON_LLM_TIMEOUT_MS }
      : undefined,
    digest: {
      timezone: e.JALON_TZ,
      cron: e.JALON_DIGEST_CRON,
      horizonDays: e.JALON_DIGEST_HORIZON_DAYS,
      graceHours: e.JALON_DIGEST_GRACE_HOURS,
      skipEmpty: e.JALON_DIGEST_SKIP_EMPTY,
    },
    now: e.JALON_NOW ? new Date(e.JALON_NOW.length === 10 ? `${e.JALON_NOW}T09:00:00Z` : e.JALON_NOW) : undefined,
    documents: {
      dir: e.JALON_DOCUMENTS_DIR ? resolve(e.JALON_DOCUMENTS_DIR) : dbPath === ':memory:' ? undefined : join(dirname(dbPath), 'documents'),
      maxBytes: Math.round(e.JALON_DOCUMENT_MAX_MB * 1024 * 1024),
    },
  };
}
