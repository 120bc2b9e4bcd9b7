import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { readDigestRun, readPauseReasons } from '../../src/db/digest-store.js';
import { listSubscriptions } from '../../src/db/slack-store.js';
import { createDigestPoster } from '../../src/digest/post-digests.js';
import { timelinePicture } from '../../src/timeline/timeline-picture.js';
import { digestWebClient } from './helpers/digest-fixture.js';
import { digestHarness, postedText } from './helpers/digest-harness.js';

type Harness = Awaited<ReturnType<typeof digestHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MONDAY_9H = '2019-10-07T07:00:00Z';
const poster = (harness: Harness) =>
  createDigestPoster({ db: harness.db, slack: digestWebClient(harness.slack.apiUrl), settings: harness.settings, now: harness.clock.now, sleep: harness.clock.sleep, logger: harness.log.logger });
/** The poster `jalon start` runs: each digest gets its timeline picture in its thread. */
const picturePoster = (harness: Harness) =>
  createDigestPoster({
    db: harness.db,
    slack: digestWebClient(harness.slack.apiUrl),
    settings: harness.settings,
    now: harness.clock.now,
    sleep: harness.clock.sleep,
    logger: harness.log.logger,
    drawPicture: (timeline) => timelinePicture(timeline, { logger: harness.log.logger }),
  });

describe('posting digests', () => {
  it('waits for Retry-After on a 429, then posts once', async () => {
    h = await digestHarness(MONDAY_9H);
    h.subscribe('C1', 'chantier:3');
    h.slack.script('C1', { status: 429, retryAfter: 7 });
    const outcomes = await poster(h).postDue();
    expect(outcomes.map((o) => o.result)).toEqual(['posted']);
    expect(h.clock.sleeps).toContain(7000);
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(h.postsTo('C1')).toHaveLength(1);
  });

  it('retries 5xx with backoff, and gives up after four tries (the run may be retried later)', async () => {
    h = await digestHarness(MONDAY_9H);
    h.subscribe('C1', 'chantier:3');
    h.slack.script('C1', { status: 500 }, { status: 503 });
    expect((await poster(h).postDue()).map((o) => o.result)).toEqual(['posted']);
    expect(h.clock.sleeps.slice(0, 2)).toEqual([1000, 2000]);

    h.subscribe('C2', 'chantier:3');
    h.slack.script('C2', { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const failed = await poster(h).postDue();
    expect(failed.map((o) => [o.channel, o.result])).toEqual([['C2', 'failed']]);
    expect(readDigestRun(h.db, { channel: 'C2', scope: 'chantier:3', period: '2019-10-07' })).toMatchObject({ status: 'failed', error: 'http_500' });
    h.clock.advance(60_000); // next tick: Slack is back
    expect((await poster(h).postDue()).map((o) => [o.channel, o.result])).toEqual([['C2', 'posted']]);
    expect(h.postsTo('C2')).toHaveLength(1);
  });

  it('posts one at a time, at least 1 s apart in the same channel', async () => {
    h = await digestHarness(MONDAY_9H);
    h.subscribe('C1', 'chantier:3');
    h.subscribe('C1', 'chantier:1');
    h.subscribe('C1', 'pilier:1');
    await poster(h).postDue();
    expect(h.postsTo('C1')).toHaveLength(3);
    expect(h.clock.sleeps).toEqual([1000, 1000]);
  });

  it('channel_not_found / not_in_channel pause the subscription and tell the admins by DM', async () => {
    h = await digestHarness(MONDAY_9H);
    h.subscribe('C404', 'chantier:3');
    h.subscribe('COUT', 'chantier:1');
    h.slack.missing.add('C404');
    h.slack.script('COUT', { error: 'not_in_channel' });
    const outcomes = await poster(h).postDue();
    expect(outcomes.map((o) => [o.channel, o.result])).toEqual([
      ['C404', 'paused'],
      ['COUT', 'paused'],
    ]);
    expect(listSubscriptions(h.db).map((s) => s.paused)).toEqual([true, true]);
    expect([...readPauseReasons(h.db).values()].map((p) => p.reason)).toEqual(['channel_not_found', 'not_in_channel']);
    expect(h.slack.calls.filter((c) => c.method === 'conversations.open').map((c) => c.body.users)).toEqual(['UADMIN1', 'UADMIN1']);
    const dms = h.postsTo('DUADMIN1').map((c) => String(c.body.text));
    expect(dms[0]).toContain('<#C404>');
    expect(dms[0]).toContain('chantier:3');
    expect(dms[1]).toContain("Jalon n'est pas membre du canal");
    // Paused: left alone the next week.
    h.clock.set('2019-10-14T07:00:00Z');
    expect(await poster(h).postDue()).toEqual([]);
  });

  it('an empty scope posts one short line, or nothing with JALON_DIGEST_SKIP_EMPTY', async () => {
    h = await digestHarness(MONDAY_9H);
    h.subscribe('C5', 'chantier:5');
    await poster(h).postDue();
    const [post] = h.postsTo('C5');
    expect((post!.body.blocks as unknown[]).length).toBe(1);
    expect(postedText(post!)).toContain('rien à signaler');
    await h.close();

    h = await digestHarness(MONDAY_9H, { skipEmpty: true });
    h.subscribe('C5', 'chantier:5');
    expect((await poster(h).postDue()).map((o) => o.result)).toEqual(['empty']);
    expect(h.postsTo('C5')).toHaveLength(0);
    expect(readDigestRun(h.db, { channel: 'C5', scope: 'chantier:5', period: '2019-10-07' })).toMatchObject({ status: 'posted', messageTs: null });
  });

  it('`jalon digest --post` posts now, once per period, even a digest skipped after downtime', async () => {
    h = await digestHarness('2019-10-08T08:00:00Z'); // Tuesday: Monday's was missed
    h.subscribe('C1', 'chantier:3');
    const p = poster(h);
    expect(await p.postDue()).toEqual([]);
    expect((await p.postNow()).map((o) => [o.result, o.period])).toEqual([['posted', '2019-10-07']]);
    expect((await p.postNow()).map((o) => o.result)).toEqual(['already']);
    expect((await p.postNow('chantier:1')).map((o) => o.result)).toEqual([]);
    expect(h.postsTo('C1')).toHaveLength(1);
  });

  it('each posted digest carries its scope’s picture in its thread, once', async () => {
    h = await digestHarness(MONDAY_9H);
    h.subscribe('C1', 'chantier:3');
    const [outcome] = await picturePoster(h).postDue();
    expect(outcome).toMatchObject({ result: 'posted' });
    const ts = (outcome as { ts: string }).ts;
    const [upload] = h.slack.uploads;
    expect(upload).toMatchObject({ channel: 'C1', threadTs: ts, filename: 'frise-chantier-3-2019-10-07.png', completed: true });
    expect(PNG.sync.read(upload!.bytes!).width).toBeGreaterThanOrEqual(1200);
    // The digest came first; the picture followed at least 1 s later in the same channel.
    expect(h.slack.calls.map((c) => c.method).filter((m) => m === 'chat.postMessage' || m === 'files.completeUploadExternal')).toEqual([
      'chat.postMessage',
      'files.completeUploadExternal',
    ]);
    expect(h.clock.sleeps).toEqual([1000]);
    h.clock.advance(60_000);
    expect(await picturePoster(h).postDue()).toEqual([]);
    expect(h.slack.uploads).toHaveLength(1);
  });

  it('a picture that cannot be uploaded leaves the text digest posted, once, and is logged', async () => {
    h = await digestHarness(MONDAY_9H);
    h.subscribe('C1', 'chantier:3');
    h.slack.script('files.completeUploadExternal', { error: 'not_in_channel' });
    expect((await picturePoster(h).postDue()).map((o) => o.result)).toEqual(['posted']);
    expect(readDigestRun(h.db, { channel: 'C1', scope: 'chantier:3', period: '2019-10-07' })).toMatchObject({ status: 'posted' });
    expect(h.postsTo('C1')).toHaveLength(1);
    expect(h.slack.uploads.filter((u) => u.completed)).toHaveLength(0);
    expect(h.log.lines.find((l) => l.msg === 'digest picture not posted')?.fields).toMatchObject({ channel: 'C1', scope: 'chantier:3', error: 'not_in_channel' });
    h.clock.advance(60_000);
    expect(await picturePoster(h).postDue()).toEqual([]);
    expect(h.postsTo('C1')).toHaveLength(1);
  });
});
