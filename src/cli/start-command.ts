import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { parseConfig, type Config } from '../config.js';
import { depsFromJalon } from '../commands/deps-from-jalon.js';
import { JalonError } from '../domain/errors.js';
import { runConsole } from '../console/run-console.js';
import { createLogger, type LogLevel } from '../log.js';
import { openJalon, type Jalon } from '../open-jalon.js';
import { inboxPathOf, openInbox } from '../db/inbox-store.js';
import type { Db } from '../db/open-database.js';
import type { SlackClient, SlackRetries } from '../slack/create-slack-client.js';

/** What a start service gets: the opened Jalon, and Web API clients on SLACK_BOT_TOKEN / SLACK_API_URL. */
export interface StartContext {
  jalon: Jalon;
  /** A client that logs through Jalon's logger; the service says who retries (digests: `none`). */
  slackClient(retries: SlackRetries): SlackClient;
  /** Aborted when a stop's grace is over: waits and Slack calls under way end at once. */
  signal: AbortSignal;
}

/**
 * Something that runs beside the Slack app in `jalon start` (the digest scheduler): started once
 * the app receives, stopped before the app and before the database closes.
 */
export type StartService = (context: StartContext) => Promise<{ stop(): Promise<void> | void }>;

export interface StartOptions {
  services?: readonly StartService[];
  /**
   * Resolves when Jalon should stop. By default the first SIGINT or SIGTERM, listened to from the
   * very start, so that a signal during start-up (the digest catch-up) also stops cleanly.
   */
  stopWhen?: Promise<unknown>;
  /**
   * After a stop is asked, how long work under way may go on (5 s by default); then every wait
   * and Slack call is cut short, and what was left resumes at the next start.
   */
  stopGraceMs?: number;
}

const STOP_GRACE_MS = 5_000;
/** Whatever is stuck, the process is gone this long after SIGTERM / SIGINT. */
const HARD_STOP_MS = 9_500;

/** The first of `signals`; its listeners go once one came (a second Ctrl-C then kills at once). */
function firstSignal(signals: readonly NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, on);
      resolve(signal);
    };
    for (const s of signals) process.on(s, on);
  });
}

/** In the terminal, info lines on stderr would drown the replies: warnings and errors only. */
const consoleLevel = (level: LogLevel): LogLevel => (level === 'debug' || level === 'info' ? 'warn' : level);

/** The console twin on stdin/stdout: a prompt at a terminal, replies only when piped. Exits at end of input. */
export async function startConsole(config: Config): Promise<void> {
  const jalon = openJalon(config, { logger: createLogger(consoleLevel(config.logLevel)) });
  try {
    const deps = depsFromJalon(jalon, async () => false);
    await runConsole(deps, {
      input: process.stdin,
      write: (text) => void process.stdout.write(text),
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      // Pictures go beside the database (./data/frises by default), a known place to open them from.
      ...(config.dbPath === ':memory:' ? {} : { pictureDir: join(dirname(config.dbPath), 'frises') }),
    });
  } finally {
    jalon.close();
  }
}

/**
 * Socket Mode or HTTP, as configured; runs until SIGINT / SIGTERM (or `options.stopWhen`). Starts
 * the app (which resumes what a previous run left unfinished), then each service (the digest
 * scheduler). A stop is bounded: services then the app get `stopGraceMs` to finish what they
 * are doing, then every wait and Slack call is cut short and what was abandoned is logged (it is
 * recorded, and resumes at the next start); the database closes last. On a real signal the
 * process is gone within 10 s whatever happens. An unhandled rejection is logged, not fatal.
 */
export async function startSlack(config: Config, options: StartOptions = {}): Promise<void> {
  let stopping = false;
  let stopAskedAt = Date.now();
  const stop = () => {
    stopping = true;
    stopAskedAt = Date.now();
  };
  const real = options.stopWhen === undefined;
  const stopRequested = (options.stopWhen ?? firstSignal(['SIGINT', 'SIGTERM'])).then(stop, stop);
  const logger = createLogger(config.logLevel);
  const jalon = openJalon(config, { logger });
  let inbox: Db;
  try {
    inbox = openInbox(inboxPathOf(config.dbPath), logger);
  } catch (error) {
    jalon.close();
    throw error;
  }
  // A Slack outage or a bug in a listener must not take the process down with a stray rejection.
  const onRejection = (reason: unknown) => logger.error('unhandled rejection (carrying on)', { error: (reason as Error)?.message ?? String(reason) });
  if (real) process.on('unhandledRejection', onRejection);
  const { slack } = config;
  const stops: (() => Promise<void> | void)[] = [];
  let work: { abort(): void } | null = null;
  const graceMs = options.stopGraceMs ?? STOP_GRACE_MS;
  try {
    // Bolt and the Web API client load only here: the console and the CLI start faster without them.
    const [{ createSlackApp }, { createSlackClient }] = await Promise.all([import('../slack/app.js'), import('../slack/create-slack-client.js')]);
    const { isMember: _slackDecides, ...base } = depsFromJalon(jalon, async () => false);
    const app = createSlackApp(base, {
      mode: slack.mode === 'socket' ? 'socket' : 'http',
      botToken: slack.botToken!,
      appToken: slack.appToken,
      signingSecret: slack.signingSecret,
      apiUrl: slack.apiUrl,
      port: slack.port,
      inbox,
    });
    work = app.work;
    stops.push(() => app.stop({ graceMs: Math.max(0, stopAskedAt + graceMs - Date.now()) }));
    try {
      await Promise.race([app.start(), stopRequested]);
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      throw new JalonError('config', `Slack app did not start: ${reason}`, `Démarrage de l'app Slack impossible (${reason}). Vérifiez SLACK_BOT_TOKEN, SLACK_APP_TOKEN ou PORT.`);
    }
    const context: StartContext = {
      jalon,
      signal: app.work.signal,
      slackClient: (retries) => createSlackClient(slack.botToken!, { apiUrl: slack.apiUrl, logger, retries, signal: app.work.signal }),
    };
    for (const service of options.services ?? []) {
      // Asked to stop while starting: start nothing more (no catch-up digests on the way out).
      if (stopping) break;
      const starting = service(context);
      // Stopped even if the stop comes while it is still starting (a catch-up digest under way).
      stops.push(async () => (await starting).stop());
      await Promise.race([starting, stopRequested]);
    }
    await stopRequested;
  } finally {
    if (stopping) logger.info('stopping', { graceMs });
    if (stopping && real) {
      setTimeout(() => {
        logger.error('stop took too long: exiting now (unfinished work resumes at the next start)');
        process.exit(1);
      }, HARD_STOP_MS).unref();
    }
    // When the grace is over, waits and Slack calls under way end at once.
    if (!stopping) stopAskedAt = Date.now();
    const cut = setTimeout(() => work?.abort(), Math.max(0, stopAskedAt + graceMs - Date.now()));
    for (const stopOne of stops.reverse()) {
      try {
        await stopOne();
      } catch (error) {
        logger.warn('stop failed', { error: (error as Error).message });
      }
    }
    clearTimeout(cut);
    inbox.close();
    jalon.close();
    if (real) process.off('unhandledRejection', onRejection);
    if (stopping) logger.info('stopped');
  }
}

/**
 * `jalon start` (Socket Mode with SLACK_APP_TOKEN, HTTP with SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET,
 * else the console) and `jalon console` (the console, whatever the tokens).
 */
export function registerStartCommands(program: Command, options: StartOptions = {}): void {
  program
    .command('start')
    .description('démarre Jalon : Socket Mode, HTTP ou console selon la configuration')
    .action(async () => {
      const config = parseConfig();
      if (config.slack.mode === 'console') return startConsole(config);
      await startSlack(config, options);
      // A socket some library left open must not keep a stopped process alive.
      setTimeout(() => process.exit(), 100).unref();
    });
  program
    .command('console')
    .description('console locale : questions et /mesure, mêmes réponses que dans Slack (vous agissez en administrateur)')
    .action(async () => startConsole(parseConfig(process.env, { slackApp: false })));
}
