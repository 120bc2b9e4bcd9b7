import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSubscription } from '../../src/db/slack-store.js';
import type { Jalon } from '../../src/open-jalon.js';
import type { SlackApp } from '../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { eventBody, postSigned } from '../fakes/sign-slack-request.js';
import { ADMIN, openTestJalon, startHttpApp, TEST_NOW } from '../fakes/test-jalon.js';

const SECRET = 'home-secret';
const MEMBER = 'UMEMBER01';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let seq = 0;

/** Opens the home tab as `user`; resolves with the text of the view published for them. */
async function openHome(user: string): Promise<string> {
  const before = fake.callsOf('views.publish').length;
  const res = await postSigned(url, SECRET, eventBody({ type: 'app_home_opened', user, channel: 'DHOME', tab: 'home' }, `EvHome${++seq}`));
  expect(res.status).toBe(200);
  await fake.waitFor(() => fake.callsOf('views.publish').length > before);
  const call = fake.callsOf('views.publish')[before]!;
  expect(call.body.user_id).toBe(user);
  return JSON.stringify(call.body.view);
}

const subscribe = (channel: string, scope: string) => addSubscription(jalon.db, { channel, scope, createdBy: ADMIN, createdAt: TEST_NOW.toISOString() });

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi({ members: { CPILOT03: [MEMBER, ADMIN], CSECRET1: ['UOTHER01'] } });
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET));
  subscribe('CPILOT03', 'chantier:3');
  subscribe('CSECRET1', 'pilier:2');
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  jalon.close();
});

describe('App Home', () => {
  it('shows an admin every subscription, anyone else only those of their channels', async () => {
    const admin = await openHome(ADMIN);
    expect(admin).toContain('<#CPILOT03>');
    expect(admin).toContain('<#CSECRET1> · `pilier:2`');
    const member = await openHome(MEMBER);
    expect(member).toContain('<#CPILOT03>');
    expect(member).not.toContain('CSECRET1');
    expect(member).not.toContain('· `pilier:2`');
    const stranger = await openHome('USTRANGE1');
    expect(stranger).not.toContain('<#C');
    expect(stranger).toContain('Aucun des canaux dont vous êtes membre n’est abonné');
  });

  it('checks at most 10 channels for a non-admin; the others are counted, not named', async () => {
    for (let i = 0; i < 10; i++) subscribe(`CMANY${String(i).padStart(4, '0')}`, 'programme:segur');
    const calls = fake.callsOf('conversations.members').length;
    const home = await openHome(MEMBER);
    expect(fake.callsOf('conversations.members').length - calls).toBe(10);
    expect(home).toContain('<#CPILOT03>');
    expect(home).toContain('2 autre(s) canal(aux) abonné(s)');
    expect(home).not.toContain('CMANY0009');
  });

  it('a database error still publishes the tab, with an apology instead of the list', async () => {
    // A real SQLite failure on that read only (the dedup write before it still works).
    jalon.db.exec('ALTER TABLE subscriptions RENAME TO subscriptions_away');
    try {
      const home = await openHome(ADMIN);
      expect(home).toContain('Les abonnements n’ont pas pu être lus pour l’instant');
      expect(home).toContain('administrateur');
    } finally {
      jalon.db.exec('ALTER TABLE subscriptions_away RENAME TO subscriptions');
    }
  });
});
