import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { beginAttempt, finishRequest, pendingRequests, recordRequest, type InboxRequest } from '../../db/inbox-store.js';
import type { Db } from '../../db/open-database.js';
import type { Logger } from '../../log.js';
import { requestIdOf } from '../request-key.js';
import type { WorkTracker } from '../work-tracker.js';

export interface IntakeOptions {
  inbox: Db;
  work: WorkTracker;
  logger: Logger;
  now: () => Date;
}

/** A request that failed this many runs (each crash counts one) is given up: it may be the cause. */
const MAX_ATTEMPTS = 5;
/** Resumed at once at start-up, at most this many at a time. */
const RESUME_CONCURRENCY = 8;
/** A response_url lasts 30 minutes: older commands, clicks and forms cannot be answered any more. */
const INTERACTIVE_MAX_AGE_MS = 30 * 60_000;
/** An unanswered question is still worth answering within this delay (then the thread gets an apology). */
const EVENT_MAX_AGE_MS = 6 * 3600_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const errorText = (error: unknown) => (error as Error)?.message ?? String(error);

/**
 * Persist before you promise. Wraps a receiver (HTTP or Socket Mode) and sits between it and the
 * Bolt app: each request Jalon acts on is written to the intake journal *before* Bolt dispatches
 * it — events are acknowledged by Bolt only then, commands and forms by their listener — and
 * marked done once its listeners finished. A request whose key was already recorded (Slack's
 * retry, or a replay of the same signed request) is acknowledged and not run again. What was
 * accepted but not finished (a crash, a stop) is run again at the next start; listeners make that
 * safe (a change is applied once, a question is continued from its last step). Anything else is
 * acknowledged and dropped; nothing here throws into the receiver.
 */
export class IntakeReceiver implements Receiver {
  private app: App | undefined;

  constructor(
    private readonly inner: Receiver,
    private readonly options: IntakeOptions,
  ) {}

  init(app: App): void {
    this.app = app;
    // The inner receiver only ever calls processEvent: it gets ours.
    const gate = { processEvent: (event: ReceiverEvent) => this.accept(event) };
    this.inner.init(gate as unknown as App);
  }

  start(...args: unknown[]): Promise<unknown> {
    return this.inner.start(...args);
  }

  stop(...args: unknown[]): Promise<unknown> {
    return this.inner.stop(...args);
  }

  /** One delivery from Slack. */
  async accept(event: ReceiverEvent): Promise<void> {
    const { logger, inbox, work } = this.options;
    work.arrived();
    try {
      const body: unknown = event.body;
      const request = isRecord(body) ? requestIdOf(body) : null;
      if (!request) {
        logger.debug('payload acknowledged, not handled', { type: isRecord(body) ? String(body.type).slice(0, 40) : typeof body });
        await event.ack();
        return;
      }
      let recorded: boolean;
      try {
        recorded = recordRequest(inbox, { key: request.key, kind: request.kind, body: JSON.stringify(body), at: this.options.now() });
      } catch (error) {
        // The journal cannot take it (disk full, read-only…): still served, but not resumable.
        logger.error('request not recorded in the intake journal', { key: request.key, error: errorText(error) });
        await this.dispatch(event, request.key, false);
        return;
      }
      if (!recorded) {
        logger.info('repeated request acknowledged, not run again', { key: request.key, retry: event.retryNum ?? null });
        await event.ack();
        return;
      }
      if (work.aborted) {
        // Stopping: acknowledged now that it is recorded; it runs at the next start.
        await event.ack();
        return;
      }
      await this.dispatch(event, request.key, true);
    } catch (error) {
      logger.error('request intake failed', { error: errorText(error) });
      await Promise.resolve(event.ack()).catch(() => undefined);
    }
  }

  /**
   * Runs a request through Bolt's listeners; marks it done unless a stop cut it short. A request
   * no listener acknowledged (an action or a form Jalon does not know) is acknowledged here, so
   * Slack is never left waiting.
   */
  private async dispatch(event: ReceiverEvent, key: string, recorded: boolean): Promise<void> {
    const { logger, inbox, work } = this.options;
    if (!this.app || !work.begin(key)) {
      await event.ack();
      return;
    }
    let acked = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      acked = true;
      return event.ack(response);
    };
    if (recorded) {
      try {
        beginAttempt(inbox, key);
      } catch (error) {
        logger.warn('request attempt not counted', { key, error: errorText(error) });
      }
    }
    try {
      await this.app.processEvent({ ...event, ack, customProperties: { ...event.customProperties, requestKey: recorded ? key : undefined } });
    } catch (error) {
      logger.error('request failed', { key, error: errorText(error) });
    } finally {
      if (!acked) await Promise.resolve(event.ack()).catch(() => undefined);
      work.end(key);
      if (recorded && !work.aborted) {
        try {
          finishRequest(inbox, key, 'done', this.options.now());
        } catch (error) {
          logger.error('request not marked done', { key, error: errorText(error) });
        }
      }
    }
  }

  /**
   * Runs again what was accepted but not finished (at start-up): oldest first, a few at a time.
   * Too old or tried too often, it is given up and logged. Returns how many were run.
   */
  async resumePending(): Promise<number> {
    const { logger, inbox, work } = this.options;
    const queue: InboxRequest[] = [];
    const now = this.options.now().getTime();
    for (const r of pendingRequests(inbox)) {
      if (work.isActive(r.key)) continue;
      const age = now - Date.parse(r.receivedAt);
      const tooOld = age > (r.kind === 'event' ? EVENT_MAX_AGE_MS : INTERACTIVE_MAX_AGE_MS);
      if (tooOld || r.attempts >= MAX_ATTEMPTS) {
        finishRequest(inbox, r.key, 'abandoned', this.options.now());
        logger.warn('unfinished request given up', { key: r.key, attempts: r.attempts, ageMs: age });
        continue;
      }
      queue.push(r);
    }
    if (queue.length > 0) logger.info('resuming unfinished requests', { count: queue.length });
    const next = async (): Promise<void> => {
      for (let r = queue.shift(); r && !work.aborted; r = queue.shift()) {
        let body: unknown;
        try {
          body = JSON.parse(r.body);
        } catch {
          body = null;
        }
        if (!isRecord(body)) {
          finishRequest(inbox, r.key, 'abandoned', this.options.now());
          continue;
        }
        await this.dispatch({ body, ack: async () => undefined }, r.key, true);
      }
    };
    const total = queue.length;
    await Promise.all(Array.from({ length: Math.min(RESUME_CONCURRENCY, total) }, next));
    return total;
  }
}
