import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { parseConfig, type Config } from '../config.js';
import { depsFromJalon } from '../commands/deps-from-jalon.js';
import { JalonError } from '../domain/errors.js';
import { runConsole } from '../console/run-console.js';
import { createLogger, type LogLevel } from '../log.js';
import { openJalon, type Jalon } from '../open-jalon.js';
import type { SlackClient, SlackRetries } from '../slack/create-slack-client.js';

/** What a start service gets: the opened Jalon, and Web API clients on SLACK_BOT_TOKEN / SLACK_API_URL. */
export interface StartContext {
  jalon: Jalon;
  /** A client that logs through Jalon's logger; the service says who retries (digests: `none`). */
  slackClient(retries: SlackRetries): SlackClient;
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
}

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
 * the app, then each service (the digest scheduler); stops them in reverse order — services
 * first, waiting for a digest tick under way, then the app — and closes the database last.
 */
export async function startSlack(config: Config, options: StartOptions = {}): Promise<void> {
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  const stopRequested = (options.stopWhen ?? firstSignal(['SIGINT', 'SIGTERM'])).then(stop, stop);
  const logger = createLogger(config.logLevel);
  const jalon = openJalon(config, { logger });
  const { slack } = config;
  const stops: (() => Promise<void> | void)[] = [];
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
    });
    try {
      await app.start();
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      throw new JalonError('config', `Slack app did not start: ${reason}`, `Démarrage de l'app Slack impossible (${reason}). Vérifiez SLACK_BOT_TOKEN, SLACK_APP_TOKEN ou PORT.`);
    }
    stops.push(() => app.stop());
    const context: StartContext = { jalon, slackClient: (retries) => createSlackClient(slack.botToken!, { apiUrl: slack.apiUrl, logger, retries }) };
    for (const service of options.services ?? []) {
      // Asked to stop while starting: start nothing more (no catch-up digests on the way out).
      if (stopping) break;
      const started = await service(context);
      stops.push(() => started.stop());
    }
    await stopRequested;
    logger.info('stopping');
  } finally {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.warn('stop failed', { error: (error as Error).message });
      }
    }
    jalon.close();
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
      if (config.slack.mode === 'console') await startConsole(config);
      else await startSlack(config, options);
    });
  program
    .command('console')
    .description('console locale : questions et /mesure, mêmes réponses que dans Slack (vous agissez en administrateur)')
    .action(async () => startConsole(parseConfig()));
}
