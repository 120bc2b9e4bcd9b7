import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions, HTTPReceiver, isValidSlackRequest, type App, type CustomRoute, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { Logger } from '../../log.js';

/** Slack signs with the sending time: a request older or newer than this is refused. */
const MAX_SKEW_S = 5 * 60;
/** Bolt's own limit: Slack's payloads are far smaller. */
const BODY_LIMIT = 4 * 1024 * 1024;
/** A client has this long to send a whole request (slow senders must not hold sockets). */
const REQUEST_TIMEOUT_MS = 10_000;
/** On stop, requests in flight get this long before their connections are cut. */
const CLOSE_GRACE_MS = 2_000;

export interface VerifiedHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  boltLogger: BoltLogger;
  /** Where Slack posts events, commands and interactions. */
  endpoint: string;
  customRoutes?: CustomRoute[];
  /** The clock signatures are checked against (ms since the epoch). */
  nowMs?: () => number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function refuse(res: ServerResponse, status: number): void {
  if (!res.headersSent) res.writeHead(status);
  res.end();
}

/**
 * Bolt's HTTP receiver behind a gate of our own. Before Bolt sees a request to the endpoint, the
 * gate reads the body (413 past 4 MB), refuses a timestamp more than 5 minutes behind *or ahead*
 * and a bad signature (401), and a body that is not a JSON object once parsed (400): Bolt's
 * receiver reads `body.ssl_check` on whatever JSON parsed, so a signed `null` used to throw where
 * nothing caught it. Bolt then verifies again, acks and dispatches as usual (the body already read
 * is reused). Any error in the gate ends that request with a status, never the process.
 */
export class VerifiedHttpReceiver implements Receiver {
  private readonly bolt: HTTPReceiver;
  private server: Server | undefined;
  private readonly nowMs: () => number;

  constructor(private readonly options: VerifiedHttpReceiverOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.bolt = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: [options.endpoint],
      logger: options.boltLogger,
      bodyLimit: BODY_LIMIT,
      ...(options.customRoutes ? { customRoutes: options.customRoutes } : {}),
    });
  }

  init(app: App): void {
    this.bolt.init(app);
  }

  /** Listens on `port` (0: any free one). */
  start(port: number): Promise<Server> {
    if (this.server) return Promise.reject(new Error('receiver already started'));
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.options.logger.error('HTTP request failed', { error: (error as Error)?.message ?? String(error) });
        refuse(res, 500);
      });
    });
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = REQUEST_TIMEOUT_MS;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        server.on('error', (error) => this.options.logger.error('HTTP server error', { error: error.message }));
        resolve(server);
      });
    });
  }

  /** Stops accepting; requests in flight get a short grace, then their connections are closed. */
  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  /** The port listened on, once started. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'POST' && path === this.options.endpoint && !(await this.screen(req, res))) return;
    try {
      this.bolt.requestListener(req, res);
    } catch (error) {
      HTTPModuleFunctions.defaultDispatchErrorHandler({ error: error as Error, logger: this.options.boltLogger, request: req, response: res });
    }
  }

  /** True when the request may go on to Bolt; otherwise it was answered (401, 400, 413). */
  private async screen(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const { logger } = this.options;
    let raw: string;
    let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, BODY_LIMIT);
      raw = buffered.rawBody.toString();
    } catch (error) {
      const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
      logger.warn('request refused: body unreadable', { tooLarge });
      // Read the rest (within the request timeout) so that the client gets the status, not a reset.
      req.resume();
      refuse(res, tooLarge ? 413 : 400);
      return false;
    }
    const form = req.headers['content-type'] === 'application/x-www-form-urlencoded';
    // Slack's unsigned ssl_check: Bolt answers it and drops anything else in the body.
    if (form && parseQuery(raw).ssl_check === '1') return true;
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    const signature = req.headers['x-slack-signature'];
    if (!Number.isFinite(timestamp) || Math.abs(this.nowMs() / 1000 - timestamp) > MAX_SKEW_S) {
      logger.warn('request refused: timestamp missing or more than 5 minutes off');
      refuse(res, 401);
      return false;
    }
    const headers = { 'x-slack-signature': typeof signature === 'string' ? signature : '', 'x-slack-request-timestamp': timestamp };
    if (!isValidSlackRequest({ signingSecret: this.options.signingSecret, body: raw, headers, nowMilliseconds: this.nowMs() })) {
      logger.warn('request refused: bad signature');
      refuse(res, 401);
      return false;
    }
    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      logger.warn('request refused: body is not JSON', { form });
      refuse(res, 400);
      return false;
    }
    if (!isRecord(body)) {
      logger.warn('request refused: body is not a JSON object', { type: body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body });
      refuse(res, 400);
      return false;
    }
    return true;
  }
}
