import cron, { type ScheduledTask } from 'node-cron';
import { assertTimeZone } from './zoned-time.js';
import { createDigestPoster, type DigestDeps, type DigestOutcome } from './post-digests.js';
import { parseCron } from './parse-cron.js';

export interface DigestScheduler {
  /** Posts whatever is due now; a tick while another runs does nothing (no overlapping runs). */
  tick(): Promise<DigestOutcome[]>;
  /** Checks the settings, posts what was missed while down (within the grace), then ticks every minute. */
  start(): Promise<DigestOutcome[]>;
  /** Stops ticking and waits for a running tick to finish. */
  stop(): Promise<void>;
}

/**
 * Wires digest posting to node-cron. One task ticks every minute in JALON_TZ and asks, for each
 * subscription, whether its latest scheduled digest is due (see post-digests): so per-subscription
 * schedules changed from Slack take effect at the next minute without re-scheduling anything, a
 * holiday simply moves a digest's due time, and start-up catch-up is the first tick. Overlaps are
 * prevented twice: node-cron's noOverlap, and a tick refusing to start while one runs (a slow
 * Slack, a long Retry-After). Two processes are kept apart by the runs ledger.
 */
export function createDigestScheduler(deps: DigestDeps): DigestScheduler {
  const poster = createDigestPoster(deps);
  let running: Promise<DigestOutcome[]> | null = null;
  let task: ScheduledTask | null = null;

  const tick = async (): Promise<DigestOutcome[]> => {
    if (running) {
      deps.logger.debug('digest tick skipped: previous one still running');
      return [];
    }
    running = poster.postDue().catch((error: unknown) => {
      deps.logger.error('digest tick failed', { error: (error as Error)?.message ?? String(error) });
      return [];
    });
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  return {
    tick,
    async start() {
      assertTimeZone(deps.settings.timezone);
      parseCron(deps.settings.cron);
      const missed = await tick();
      task = cron.schedule('* * * * *', () => tick(), {
        name: 'jalon-digests',
        timezone: deps.settings.timezone,
        noOverlap: true,
        // A minute missed (event loop busy) is caught up by the next tick: not worth a warning.
        suppressMissedWarning: true,
        logger: {
          info: (m) => deps.logger.debug(m),
          warn: (m) => deps.logger.warn(m),
          error: (m) => deps.logger.error(String(m)),
          debug: (m) => deps.logger.debug(String(m)),
        },
      });
      deps.logger.info('digest scheduler started', { timezone: deps.settings.timezone, cron: deps.settings.cron });
      return missed;
    },
    async stop() {
      if (task) await task.destroy();
      task = null;
      if (running) await running;
    },
  };
}
