import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open-database.js';
import { listSubscriptions } from '../../src/db/slack-store.js';
import { subscribeChannel, type SubscribeRequest } from '../../src/digest/subscribe-channel.js';
import { openFixtureDb } from './helpers/digest-fixture.js';

const NOW = new Date('2020-07-01T10:00:00Z');
const DEFAULTS = { timezone: 'Europe/Paris', cron: '0 9 * * 1' };
const CHANNEL = 'C0DIGEST1';

let db: Db;
beforeEach(() => {
  db = openFixtureDb().db;
});
afterEach(() => db.close());

const subscribe = (schedule?: string) => {
  const request: SubscribeRequest = { channel: CHANNEL, scope: { kind: 'chantier', number: 3 }, createdBy: 'UADMIN1', now: NOW };
  if (schedule !== undefined) request.schedule = schedule;
  return subscribeChannel(db, DEFAULTS, request);
};

describe('subscribeChannel — schedules', () => {
  it.each([
    ['0 9 1 1 1', 'a 1 January that is a Monday: next in 2024'],
    ['0 9 29 2 1', 'a 29 February that is a Monday: next in 2044'],
  ])('refuses %s (%s), which would never post, and stores nothing', (cron) => {
    expect(() => subscribe(cron)).toThrow(
      expect.objectContaining({ code: 'invalid_input', userMessage: expect.stringMatching(/^Horaire refusé : « 0 9 \S+ \S+ \S+ » ne donne aucun point dans l'année qui vient/) }),
    );
    expect(listSubscriptions(db, { channel: CHANNEL })).toEqual([]);
  });

  it('refuses it for an existing subscription too, which keeps its schedule', () => {
    subscribe('lundi 8h30');
    expect(() => subscribe('0 9 1 1 1')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(listSubscriptions(db, { channel: CHANNEL }).map((s) => s.cron)).toEqual(['30 8 * * 1']);
  });

  it.each([
    ['0 9 * * mon', 'lundi 9h'],
    ['0 9 * * 1,2,3,4,5', 'en semaine 9h'],
    ['0 9 * * 7', 'dimanche 9h'],
  ])('does not call %s then %s a change of schedule', (first, second) => {
    expect(subscribe(first).created).toBe(true);
    const again = subscribe(second);
    expect(again).toMatchObject({ created: false, rescheduled: false });
    expect(again.subscription.cron).toBe(subscribe(first).subscription.cron);
  });

  it('still reports a real change, and the default schedule typed out is no change', () => {
    subscribe();
    expect(subscribe('lundi 9h')).toMatchObject({ rescheduled: false, cron: '0 9 * * 1' });
    expect(subscribe('mardi 9h')).toMatchObject({ rescheduled: true, cron: '0 9 * * 2', scheduleWords: 'le mardi à 9 h' });
    expect(subscribe()).toMatchObject({ rescheduled: false, cron: '0 9 * * 2' });
  });
});
