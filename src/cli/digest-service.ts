import { abortableSleep } from '../abortable-sleep.js';
import { createDigestScheduler } from '../digest/schedule-digests.js';
import { timelinePicture } from '../timeline/timeline-picture.js';
import { settingsOf } from './digest-commands.js';
import type { StartService } from './start-command.js';

/**
 * The digest scheduler as a `jalon start` service: started once the Slack app receives (it posts
 * what was missed while down, then ticks every minute), stopped before the database closes. It
 * posts with a client that never retries by itself (`retries: 'none'`): a 429 or a 5xx comes back
 * to the poster at once, which waits and retries on its own clock (Retry-After, 1 s / 2 s / 4 s)
 * instead of the WebClient holding a tick for up to half an hour. Each call times out after about
 * 10 s, and a stop cuts calls and waits short once its grace is over. With JALON_DIGEST_PICTURES
 * (the default) each digest gets its scope's timeline picture in its thread. Pass it in
 * `registerStartCommands(program, { services: [startDigestService] })`.
 */
export const startDigestService: StartService = async ({ jalon, slackClient, signal }) => {
  const scheduler = createDigestScheduler({
    db: jalon.db,
    slack: slackClient('none'),
    settings: settingsOf(jalon),
    now: jalon.now,
    // A stop cuts a Retry-After wait short: the digest, not posted, may be claimed again next start.
    sleep: (ms) => abortableSleep(ms, signal),
    signal,
    logger: jalon.logger,
    ...(jalon.config.digest.pictures ? { drawPicture: (timeline) => timelinePicture(timeline, jalon) } : {}),
  });
  await scheduler.start();
  return { stop: () => scheduler.stop() };
};
