import { afterEach, describe, expect, it } from 'vitest';
import { listDigestRuns, readDigestRun } from '../../src/db/digest-store.js';
import { listSubscriptions } from '../../src/db/slack-store.js';
import { setStatus } from '../../src/measures/set-status.js';
import { digestHarness, postedText } from './helpers/digest-harness.js';

type Harness = Awaited<ReturnType<typeof digestHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('digest scheduler', () => {
  it('posts once a week as weeks pass, each digest covering the changes since the previous one', async () => {
    h = await digestHarness('2019-09-30T05:00:00Z');
    h.subscribe('C1', 'chantier:3');
    const scheduler = h.scheduler();
    await h.tickEvery(scheduler, '2019-09-30T05:00:00Z', '2019-10-01T12:00:00Z', 30);
    setStatus(h.db, { kind: 'milestone', id: 'MS-C3-P2-J1' }, { status: 'bloqué', who: 'Marie', comment: 'relecture', origin: 'slack' }, new Date('2019-10-02T10:00:00Z'));
    await h.tickEvery(scheduler, '2019-10-01T12:30:00Z', '2019-10-21T12:00:00Z', 60);
    const posts = h.postsTo('C1');
    expect(posts).toHaveLength(4);
    expect(listDigestRuns(h.db, { channel: 'C1' }).map((r) => [r.period, r.status, r.messageTs !== null])).toEqual([
      ['2019-10-21', 'posted', true],
      ['2019-10-14', 'posted', true],
      ['2019-10-07', 'posted', true],
      ['2019-09-30', 'posted', true],
      // The process first started on 30 September before 09:00: the 23rd's was missed, and said so.
      ['2019-09-23', 'skipped', false],
    ]);
    const [, second, third] = posts.map(postedText);
    expect(second).toContain('Changements de statut (1)');
    expect(second).toContain('relecture');
    expect(third).not.toContain('Changements de statut');
    // The slack app's subscription row points at the latest digest (change notices thread there).
    expect(listSubscriptions(h.db)[0]!.lastDigestTs).toBe(posts[3]!.ts);
  });

  it('keeps 09:00 Paris across the DST changes', async () => {
    h = await digestHarness('2019-03-25T07:59:00Z');
    h.subscribe('C1', 'chantier:3');
    const scheduler = h.scheduler();
    await h.tickEvery(scheduler, '2019-03-25T07:59:00Z', '2019-03-25T08:01:00Z', 1); // CET: 08:00Z
    expect(h.postsTo('C1')).toHaveLength(1);
    await h.tickEvery(scheduler, '2019-04-01T06:58:00Z', '2019-04-01T07:01:00Z', 1); // CEST: 07:00Z
    expect(h.postsTo('C1')).toHaveLength(2);
    expect(readDigestRun(h.db, { channel: 'C1', scope: 'chantier:3', period: '2019-04-01' })?.claimedAt).toBe('2019-04-01T07:00:00.000Z');
    await h.tickEvery(scheduler, '2019-10-28T07:00:00Z', '2019-10-28T08:00:00Z', 10); // back to CET
    expect(readDigestRun(h.db, { channel: 'C1', scope: 'chantier:3', period: '2019-10-28' })?.claimedAt).toBe('2019-10-28T08:00:00.000Z');
  });

  it('moves the digest of a holiday Monday to Tuesday', async () => {
    h = await digestHarness('2019-04-22T05:00:00Z');
    h.subscribe('C1', 'chantier:3');
    const scheduler = h.scheduler();
    await h.tickEvery(scheduler, '2019-04-22T05:00:00Z', '2019-04-22T21:00:00Z', 15); // lundi de Pâques
    expect(h.postsTo('C1')).toHaveLength(0);
    await h.tickEvery(scheduler, '2019-04-23T06:45:00Z', '2019-04-23T08:00:00Z', 15);
    expect(h.postsTo('C1')).toHaveLength(1);
    expect(readDigestRun(h.db, { channel: 'C1', scope: 'chantier:3', period: '2019-04-23' })).toMatchObject({ status: 'posted', claimedAt: '2019-04-23T07:00:00.000Z' });
  });

  it('follows a subscription’s own schedule (lundi 8h30)', async () => {
    h = await digestHarness('2019-10-07T06:00:00Z');
    h.subscribe('C1', 'chantier:3', '30 8 * * 1');
    h.subscribe('C2', 'chantier:3');
    await h.tickEvery(h.scheduler(), '2019-10-07T06:00:00Z', '2019-10-07T07:10:00Z', 5);
    expect(readDigestRun(h.db, { channel: 'C1', scope: 'chantier:3', period: '2019-10-07' })?.claimedAt).toBe('2019-10-07T06:30:00.000Z');
    expect(readDigestRun(h.db, { channel: 'C2', scope: 'chantier:3', period: '2019-10-07' })?.claimedAt).toBe('2019-10-07T07:00:00.000Z');
  });

  it('never posts twice after a crash in the middle of a run; the restarted process finishes the rest', async () => {
    h = await digestHarness('2019-10-07T07:00:00Z');
    for (const [channel, scope] of [['C1', 'chantier:3'], ['C2', 'chantier:1'], ['C3', 'pilier:1']] as const) h.subscribe(channel, scope);
    h.slack.script('C2', 'hang'); // Slack receives the post, the process dies before the answer
    const crashed = h.scheduler().tick();
    await h.slack.waitForCalls('chat.postMessage', 2);
    const restarted = h.scheduler();
    const outcomes = await restarted.start();
    await restarted.stop();
    expect(outcomes.map((o) => [o.channel, o.result])).toEqual([['C3', 'posted']]);
    const attempts = (channel: string) => h!.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel).length;
    expect([attempts('C1'), attempts('C2'), attempts('C3')]).toEqual([1, 1, 1]);
    await h.slack.close(); // the dead process's request ends without an answer
    await crashed;
    expect(readDigestRun(h.db, { channel: 'C2', scope: 'chantier:1', period: '2019-10-07' })?.status).toBe('claimed');
    h.clock.set('2019-10-07T08:00:00Z');
    expect(await h.scheduler().tick()).toEqual([]);
  });

  it('two schedulers at once post each digest once', async () => {
    h = await digestHarness('2019-10-07T07:00:00Z');
    for (const [channel, scope] of [['C1', 'chantier:3'], ['C2', 'chantier:1'], ['C3', 'pilier:1'], ['C4', 'chantier:5']] as const) h.subscribe(channel, scope);
    const [a, b] = await Promise.all([h.scheduler().tick(), h.scheduler().tick()]);
    const posted = [...a!, ...b!].filter((o) => o.result === 'posted').map((o) => o.channel).sort();
    expect(posted).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(h.slack.posts()).toHaveLength(4);
    // Both really worked at the same time: each posted some, and found others claimed.
    expect(a!.some((o) => o.result === 'posted') && b!.some((o) => o.result === 'posted')).toBe(true);
    expect([...a!, ...b!].some((o) => o.result === 'already')).toBe(true);
    expect(listDigestRuns(h.db).map((r) => r.status)).toEqual(['posted', 'posted', 'posted', 'posted']);
  });

  it('after downtime: posts a missed digest once within the grace, skips and logs it after', async () => {
    h = await digestHarness('2019-10-07T14:00:00Z'); // 16:00 Paris, 7 h late: within 10 h
    h.subscribe('C1', 'chantier:3');
    expect((await h.scheduler().tick()).map((o) => o.result)).toEqual(['posted']);
    h.clock.set('2019-10-07T15:00:00Z'); // restarted again the same afternoon
    expect(await h.scheduler().tick()).toEqual([]);
    expect(h.postsTo('C1')).toHaveLength(1);

    h.clock.set('2019-10-15T07:30:00Z'); // down all of Monday 14th, back on Tuesday
    const s = h.scheduler();
    expect(await s.tick()).toEqual([]);
    expect(await s.tick()).toEqual([]);
    expect(readDigestRun(h.db, { channel: 'C1', scope: 'chantier:3', period: '2019-10-14' })?.status).toBe('skipped');
    expect(h.log.lines.filter((l) => l.msg === 'digest missed while down, skipped')).toHaveLength(1);
    expect(h.postsTo('C1')).toHaveLength(1);
  });

  it('runs no overlapping ticks, and wires node-cron in JALON_TZ', async () => {
    h = await digestHarness('2019-10-07T07:00:00Z');
    h.subscribe('C1', 'chantier:3');
    h.slack.script('C1', { status: 429, retryAfter: 1 });
    const scheduler = h.scheduler();
    const [first, overlapping] = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect(first!.map((o) => o.result)).toEqual(['posted']);
    expect(overlapping).toEqual([]);
    await scheduler.start();
    await scheduler.stop();
    expect(h.log.lines.some((l) => l.msg === 'digest scheduler started' && l.fields?.timezone === 'Europe/Paris')).toBe(true);
  });
});
