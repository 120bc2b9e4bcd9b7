import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { HandlerDeps } from '../commands/deps-from-jalon.js';
import { claimEvent, pruneProcessedEvents } from '../db/slack-store.js';
import { slackClientOptions } from './create-slack-client.js';
import { isChannelMember } from './is-channel-member.js';
import { registerListeners } from './listeners/register-listeners.js';
import { EventEnvelope } from './slack-payloads.js';
import type { SlackDeps } from './slack-deps.js';
import { toBoltLogger } from './to-bolt-logger.js';

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
}

export interface SlackApp {
  app: App;
  /** Starts receiving; in HTTP mode resolves with the port listened on. */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
}

/** Deliveries remembered for dedup; Slack retries within minutes, so a day is plenty. */
const DEDUP_KEEP_MS = 24 * 3600_000;
const PRUNE_EVERY = 500;

/**
 * The Bolt app, wired once: Socket Mode when an app token is given, else the HTTP receiver on
 * `port` (POST /slack/events for events, commands and interactivity; GET /health). The Web API
 * client honours SLACK_API_URL and Retry-After; logs go through the Jalon logger. A delivery
 * whose event_id was already handled (a retry) is dropped before any listener runs.
 */
export function createSlackApp(base: Omit<HandlerDeps, 'isMember'>, options: SlackAppOptions): SlackApp {
  const logger = toBoltLogger(base.logger, 'bolt');
  const clientOptions = slackClientOptions(options.apiUrl, base.logger);
  let receiver: Receiver;
  let http: HTTPReceiver | null = null;
  if (options.mode === 'socket') {
    if (!options.appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN');
    receiver = new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions } });
  } else {
    if (!options.signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET');
    http = new HTTPReceiver({
      signingSecret: options.signingSecret,
      port: options.port,
      logger,
      endpoints: ['/slack/events'],
      customRoutes: [{ path: '/health', method: ['GET'], handler: (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok') }],
    });
    receiver = http;
  }
  const app = new App({ token: options.botToken, receiver, logger, clientOptions, ignoreSelf: true });
  const deps: SlackDeps = { ...base, apiUrl: options.apiUrl, isMember: (channel, userId) => isChannelMember(app.client, channel, userId, base.logger) };

  let claims = 0;
  app.use(async ({ body, next }) => {
    const envelope = EventEnvelope.safeParse(body);
    if (envelope.success) {
      const now = deps.now();
      if (!claimEvent(deps.db, envelope.data.event_id, now)) {
        deps.logger.info('duplicate delivery dropped', { event_id: envelope.data.event_id });
        return;
      }
      if (++claims % PRUNE_EVERY === 0) pruneProcessedEvents(deps.db, new Date(now.getTime() - DEDUP_KEEP_MS));
    }
    await next();
  });
  registerListeners(app, deps);
  app.error(async (error) => {
    deps.logger.error('unhandled Slack error', { code: error.code, error: error.message });
  });

  return {
    app,
    async start() {
      pruneProcessedEvents(deps.db, new Date(deps.now().getTime() - DEDUP_KEEP_MS));
      if (options.mode === 'socket') {
        await app.start();
        deps.logger.info('Slack app started', { mode: 'socket' });
        return { port: null };
      }
      const server = (await app.start(options.port)) as Server;
      const port = (server.address() as AddressInfo).port;
      deps.logger.info('Slack app started', { mode: 'http', port });
      return { port };
    },
    async stop() {
      await app.stop();
    },
  };
}
