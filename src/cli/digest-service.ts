import { createDigestScheduler } from '../digest/schedule-digests.js';
import { settingsOf } from './digest-commands.js';
import type { StartService } from './start-command.js';

/**
 * The digest scheduler as a `jalon start` service: started once the Slack app receives (it posts
 * what was missed while down, then ticks every minute), stopped before the database closes. Pass
 * it in `registerStartCommands(program, { services: [startDigestService] })`.
 */
export const startDigestService: StartService = async ({ jalon, slack }) => {
  const scheduler = createDigestScheduler({
    db: jalon.db,
    slack,
    settings: settingsOf(jalon),
    now: jalon.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    logger: jalon.logger,
  });
  await scheduler.start();
  return { stop: () => scheduler.stop() };
};
