import { openDatabase, type Db } from '../../../src/db/open-database.js';
import { addSubscription } from '../../../src/db/slack-store.js';
import type { DigestSettings } from '../../../src/digest/post-digests.js';
import { createDigestScheduler } from '../../../src/digest/schedule-digests.js';
import { startFakeSlackDigestApi } from '../../fakes/fake-slack-digest-api.js';
import { digestWebClient, fakeClock, openFixtureDb, recordingLogger, SETTINGS } from './digest-fixture.js';

/** A fixture store on disk, a fake Slack, a fake clock, and schedulers over their own connections. */
export async function digestHarness(start: string, settings: Partial<DigestSettings> = {}) {
  const { db, path } = openFixtureDb();
  const slack = await startFakeSlackDigestApi();
  const clock = fakeClock(start);
  const log = recordingLogger();
  const connections: Db[] = [db];
  const merged = { ...SETTINGS, ...settings };
  let n = 0;
  return {
    db,
    path,
    slack,
    clock,
    log,
    settings: merged,
    subscribe(channel: string, scope: string, cron: string | null = null) {
      return addSubscription(db, { channel, scope, createdBy: 'UTEST', createdAt: '2019-01-01T00:00:00.000Z', cron }).subscription;
    },
    /** A scheduler as another process would run it: its own connection, owner and client. */
    scheduler(options: { sameConnection?: boolean } = {}) {
      const own = options.sameConnection ? db : openDatabase(path);
      if (!options.sameConnection) connections.push(own);
      n += 1;
      return createDigestScheduler({ db: own, slack: digestWebClient(slack.apiUrl), settings: merged, now: clock.now, sleep: clock.sleep, logger: log.logger, owner: `test-${n}` });
    },
    /** Moves the clock to each instant in turn and ticks there. */
    async tickEvery(scheduler: { tick(): Promise<unknown> }, from: string, to: string, stepMinutes: number) {
      for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) {
        clock.set(new Date(t).toISOString());
        await scheduler.tick();
      }
    },
    postsTo: (channel: string) => slack.posts(channel),
    async close() {
      await slack.close();
      for (const c of connections) if (c.open) c.close();
    },
  };
}

/** All mrkdwn / plain texts of a posted message's blocks. */
export function postedText(call: { body: Record<string, unknown> }): string {
  const blocks = (call.body.blocks ?? []) as { text?: { text?: string }; elements?: { text?: string }[] }[];
  return blocks.map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')].join('\n')).join('\n');
}
