import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import {
  addSubscription,
  claimEvent,
  insertAnswer,
  insertFeedback,
  isAnswerThread,
  listSubscriptions,
  pruneProcessedEvents,
  readAnswer,
  readFeedback,
  recordDigestPosted,
  removeSubscription,
  updateSubscription,
} from '../../src/db/slack-store.js';

const T0 = new Date('2021-03-01T09:00:00Z');
let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('slack store', () => {
  it('claims an event once; pruning forgets old ones', () => {
    expect(claimEvent(db, 'Ev1', T0)).toBe(true);
    expect(claimEvent(db, 'Ev1', T0)).toBe(false);
    expect(pruneProcessedEvents(db, new Date(T0.getTime() + 1))).toBe(1);
    expect(claimEvent(db, 'Ev1', T0)).toBe(true);
  });

  it('stores answers and self-contained feedback', () => {
    const citation = { source: 'a.txt', lines: [1, 2] as [number, number], title: 'T', section: 'S', quote: 'Q', quoted: true };
    const answer = insertAnswer(db, { channel: 'C1', threadTs: '1.1', messageTs: null, userId: 'U1', question: 'q ?', answer: 'r', answered: true, citations: [citation], createdAt: T0.toISOString() });
    expect(isAnswerThread(db, 'C1', '1.1')).toBe(true);
    expect(isAnswerThread(db, 'C1', '9.9')).toBe(false);
    expect(readAnswer(db, answer.id)).toEqual(answer);
    insertFeedback(db, { answer, userId: 'U2', value: 'report', comment: 'faux', createdAt: T0.toISOString() });
    expect(readFeedback(db)[0]).toMatchObject({ answerId: answer.id, question: 'q ?', answer: 'r', citations: [citation], value: 'report', comment: 'faux' });
  });

  it('subscriptions: one per channel and scope, cron override, pause, latest digest', () => {
    const s = addSubscription(db, { channel: 'C1', scope: 'chantier:3', createdBy: 'U1', createdAt: T0.toISOString() });
    expect(s.created).toBe(true);
    expect(addSubscription(db, { channel: 'C1', scope: 'chantier:3', createdBy: 'U2', createdAt: T0.toISOString() }).created).toBe(false);
    updateSubscription(db, s.subscription.id, { paused: true, cron: '0 8 * * 1' });
    recordDigestPosted(db, s.subscription.id, '1.5', T0);
    expect(listSubscriptions(db, { scope: 'chantier:3' })[0]).toMatchObject({ paused: true, cron: '0 8 * * 1', lastDigestTs: '1.5', createdBy: 'U1' });
    expect(removeSubscription(db, 'C1', 'chantier:3')).toBe(true);
    expect(removeSubscription(db, 'C1', 'chantier:3')).toBe(false);
  });
});
