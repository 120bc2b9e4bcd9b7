import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { HandlerDeps } from '../commands/deps-from-jalon.js';
import { openInbox, pruneInbox, unfinishedCounts } from '../db/inbox-store.js';
import type { Db } from '../db/open-database.js';
import { pruneProcessedEvents } from '../db/slack-store.js';
import { resumeQuestions } from './answer-in-thread.js';
import { slackClientOptions } from './create-slack-client.js';
import type { SlackFetchPolicy } from './slack-fetch.js';
import { isChannelMember } from './is-channel-member.js';
import { registerListeners } from './listeners/register-listeners.js';
import { IntakeReceiver } from './receivers/intake-receiver.js';
import { VerifiedHttpReceiver } from './receivers/verified-http-receiver.js';
import type { SlackDeps } from './slack-deps.js';
import { createStoreGuard } from './store-guard.js';
import { tellAdmins } from './tell-admins.js';
import { toBoltLogger } from './to-bolt-logger.js';
import { WorkTracker } from './work-tracker.js';

export interface SlackAppOptions {
  mode: 'socket' | 'http';
  botToken: string;
  /** Socket Mode (xapp-…). */
  appToken?: string | undefined;
  /** HTTP mode. */
  signingSecret?: string | undefined;
  /** SLACK_API_URL: Web API base (tests, enterprise proxies). */
  apiUrl?: string | undefined;
  /** HTTP mode; 0 = any free port (tests). */
  port: number;
  /** The intake journal (`jalon start`: the file beside the store); in memory when not given. */
  inbox?: Db;
  /** Web API timeouts and retries (tests shorten them); interactive defaults otherwise. */
  slackPolicy?: Partial<SlackFetchPolicy>;
}

export interface StopOptions {
  /** How long work under way may go on before it is cut short (it then resumes at the next start). */
  graceMs?: number;
}

export interface SlackApp {
  app: App;
  /** Work under way; its signal aborts every Slack call and wait on stop. */
  work: WorkTracker;
  /** Starts receiving, then resumes what was left unfinished; in HTTP mode resolves with the port listened on. */
  start(): Promise<{ port: number | null }>;
  /** Stops receiving, lets work under way finish for `graceMs`, cuts the rest short and logs it. */
  stop(options?: StopOptions): Promise<void>;
}

/** Requests remembered for dedup and replays; Slack retries within minutes, so a day is plenty. */
const DEDUP_KEEP_MS = 24 * 3600_000;
/** Questions whose Slack calls failed are looked at again this often. */
const SWEEP_EVERY_MS = 15_000;
/** After the grace, work cut short gets this long to record where it stopped. */
const ABORT_SETTLE_MS = 1_000;

/**
 * The Bolt app, wired once: Socket Mode when an app token is given, else HTTP on `port` (POST
 * /slack/events for events, commands and interactivity, behind a gate that checks timestamps both
 * ways, signatures and body shapes; GET /health). Every request is recorded in the intake journal
 * before it is acknowledged and run from that record (see IntakeReceiver); a retried or replayed
 * one is acknowledged, not run again. Web API calls time out and retry within bounds
 * (createSlackFetch); logs go through the Jalon logger.
 */
export function createSlackApp(base: Omit<HandlerDeps, 'isMember'>, options: SlackAppOptions): SlackApp {
  const logger = toBoltLogger(base.logger, 'bolt');
  const work = new WorkTracker();
  const ownInbox = options.inbox === undefined;
  const inbox = options.inbox ?? openInbox(':memory:');
  const clientOptions = slackClientOptions(options.apiUrl, base.logger, 'client', work.signal, options.slackPolicy);
  let inner: Receiver;
  let http: VerifiedHttpReceiver | null = null;
  if (options.mode === 'socket') {
    if (!options.appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN');
    // The Socket Mode client retries apps.connections.open itself (many times, when reconnecting)
    // and gives up on a request error otherwise: its retry policy stays, with our timeouts.
    const { retryConfig: _itsOwn, ...socketClientOptions } = slackClientOptions(options.apiUrl, base.logger, 'none', work.signal, options.slackPolicy);
    inner = new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions: socketClientOptions } });
  } else {
    if (!options.signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET');
    http = new VerifiedHttpReceiver({
      signingSecret: options.signingSecret,
      logger: base.logger,
      boltLogger: logger,
      endpoint: '/slack/events',
      customRoutes: [{ path: '/health', method: ['GET'], handler: (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok') }],
    });
    inner = http;
  }
  const intake = new IntakeReceiver(inner, { inbox, work, logger: base.logger, now: base.now });
  const app = new App({ token: options.botToken, receiver: intake, logger, clientOptions, ignoreSelf: true });
  const store = createStoreGuard({ db: base.db, logger: base.logger, tellAdmins: (text) => tellAdmins(app.client, base.admins, text, base.logger) });
  const deps: SlackDeps = { ...base, apiUrl: options.apiUrl, inbox, work, store, isMember: (channel, userId) => isChannelMember(app.client, channel, userId, base.logger) };
  registerListeners(app, deps);
  app.error(async (error) => {
    deps.logger.error('unhandled Slack error', { code: error.code, error: error.message });
  });

  let sweeper: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | null = null;
  const sweep = () => {
    sweeping ??= resumeQuestions(deps, app.client)
      .catch((error: unknown) => deps.logger.error('resuming questions failed', { error: (error as Error)?.message ?? String(error) }))
      .finally(() => {
        sweeping = null;
      });
  };

  return {
    app,
    work,
    async start() {
      const before = new Date(deps.now().getTime() - DEDUP_KEEP_MS);
      try {
        pruneInbox(inbox, before);
        pruneProcessedEvents(deps.db, before);
      } catch (error) {
        deps.logger.warn('old requests not pruned', { error: (error as Error)?.message ?? String(error) });
      }
      // From now on a write never blocks the event loop waiting for another process's lock: it
      // fails at once and is retried after a short wait (request-deps.ts, answer-in-thread.ts).
      deps.db.pragma('busy_timeout = 0');
      let port: number | null = null;
      if (options.mode === 'socket') {
        await app.start();
        deps.logger.info('Slack app started', { mode: 'socket' });
      } else {
        const server = (await app.start(options.port)) as Server;
        port = (server.address() as AddressInfo).port;
        deps.logger.info('Slack app started', { mode: 'http', port });
      }
      store.start();
      // Unfinished work of a previous run: requests first (they re-register their questions).
      void intake
        .resumePending()
        .catch((error: unknown) => deps.logger.error('resuming requests failed', { error: (error as Error)?.message ?? String(error) }))
        .then(sweep);
      sweeper = setInterval(sweep, SWEEP_EVERY_MS);
      sweeper.unref();
      return { port };
    },
    async stop({ graceMs = 0 } = {}) {
      clearInterval(sweeper);
      store.stop();
      try {
        await app.stop();
      } catch (error) {
        deps.logger.warn('receiver did not stop cleanly', { error: (error as Error)?.message ?? String(error) });
      }
      if (!(await work.idle(graceMs))) {
        const abandoned = work.keys();
        work.abort();
        await work.idle(ABORT_SETTLE_MS);
        deps.logger.warn('work cut short by the stop: it resumes at the next start', { abandoned: abandoned.slice(0, 50), count: abandoned.length });
      } else {
        work.abort();
      }
      try {
        const left = unfinishedCounts(inbox);
        if (left.requests + left.questions > 0) deps.logger.info('unfinished work recorded for the next start', left);
      } catch {
        // The journal may be the very thing that failed: nothing more to say.
      }
      if (ownInbox) inbox.close();
    },
  };
}
