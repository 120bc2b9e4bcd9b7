import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { addSubscription } from '../../src/db/slack-store.js';
import { digestFromSource, loadDigestSource } from '../../src/digest/load-digest-source.js';
import type { HomeView } from '../../src/slack/blocks/block-kit.js';
import type { Jalon } from '../../src/open-jalon.js';
import type { SlackApp } from '../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { recordingLogger } from '../digest/helpers/digest-fixture.js';
import { commandBody, eventBody, interactionBody, postSigned } from '../fakes/sign-slack-request.js';
import { ADMIN, openTestJalon, startHttpApp, TEST_NOW } from '../fakes/test-jalon.js';

const SECRET = 'home-secret';
const MEMBER = 'UMEMBER01';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let seq = 0;
const log = recordingLogger();

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

/** Chooses `value` in a dashboard "⋯" menu of the home tab, as `user`. */
async function choose(user: string, value: string, trigger: string) {
  const res = await postSigned(
    url,
    SECRET,
    interactionBody({
      type: 'block_actions',
      user: { id: user },
      trigger_id: trigger,
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home' },
      actions: [{ action_id: 'home_scope', block_id: 'b1', type: 'overflow', selected_option: { value } }],
    }),
  );
  expect(res.status).toBe(200);
}

const subscribe = (channel: string, scope: string) => addSubscription(jalon.db, { channel, scope, createdBy: ADMIN, createdAt: TEST_NOW.toISOString() });

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi({ members: { CPILOT03: [MEMBER, ADMIN], CSECRET1: ['UOTHER01'] } });
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET, { logger: log.logger }));
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

  it('is a dashboard: each programme and chantier or pilier with progress, overdue and next deadlines, within Block Kit limits', async () => {
    const view = JSON.parse(await openHome(MEMBER)) as HomeView;
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view);
    expect(text).toContain('Tableau de bord — lundi 1er mars 2021');
    const entries = view.blocks.filter((b) => b.type === 'section' && b.accessory?.type === 'overflow');
    // Ma santé 2022's 10 chantiers, Ségur's piliers, and the programmes themselves.
    expect(entries.length).toBeGreaterThanOrEqual(16);
    for (const b of entries) {
      expect(b.type === 'section' && b.text!.text.length).toBeLessThanOrEqual(3000);
      const options = b.type === 'section' && b.accessory?.type === 'overflow' ? b.accessory.options : [];
      expect(options.length).toBeGreaterThanOrEqual(2);
      expect(options.length).toBeLessThanOrEqual(5);
      for (const o of options) expect(o.value).toMatch(/^(point|frise)\|(chantier|pilier|programme):[a-z0-9-]+$|^fiche\|[A-Z0-9-]+$/);
    }
    // The counts are the digest's for the same day.
    const source = loadDigestSource(jalon.db, { scope: { kind: 'chantier', number: 3 }, now: TEST_NOW, since: TEST_NOW, timeZone: 'Europe/Paris' });
    const digest = digestFromSource(source, { kind: 'chantier', number: 3 }, { timeZone: 'Europe/Paris', horizonDays: 14 });
    const chantier3 = entries.find((b) => b.type === 'section' && b.text!.text.startsWith('*Chantier 3 — '));
    expect(chantier3?.type === 'section' && chantier3.text!.text).toContain(`${digest.stats.done}/${digest.stats.milestones} jalons faits · 🔴 ${digest.stats.overdue} en retard`);
  });

  it('a dashboard that cannot be read still publishes the tab, with an apology and the rest', async () => {
    jalon.db.exec('ALTER TABLE milestones RENAME TO milestones_away');
    try {
      const home = await openHome(ADMIN);
      expect(home).toContain('Le tableau de bord n’a pas pu être lu pour l’instant');
      expect(home).toContain('<#CPILOT03>');
    } finally {
      jalon.db.exec('ALTER TABLE milestones_away RENAME TO milestones');
    }
  });

  it('its menus open a scope’s point or a measure’s card in a modal, and send the scope’s picture by direct message', async () => {
    await choose(MEMBER, 'point|chantier:3', 'trig-point');
    await fake.waitFor(() => fake.callsOf('views.open').some((c) => c.body.trigger_id === 'trig-point'));
    const point = fake.callsOf('views.open').find((c) => c.body.trigger_id === 'trig-point')!.body.view as { title: { text: string }; blocks: { type: string }[] };
    expect(point.title.text).toBe('Point chantier:3');
    expect(JSON.stringify(point.blocks)).toContain('Chantier 3');
    expect(point.blocks.some((b) => b.type === 'actions')).toBe(false);

    await choose(MEMBER, 'fiche|MS-C3-P2', 'trig-fiche');
    await fake.waitFor(() => fake.callsOf('views.open').some((c) => c.body.trigger_id === 'trig-fiche'));
    const card = fake.callsOf('views.open').find((c) => c.body.trigger_id === 'trig-fiche')!.body.view as { title: { text: string } };
    expect(card.title.text).toBe('Fiche MS-C3-P2');

    await choose(MEMBER, 'frise|pilier:2', 'trig-frise');
    await fake.waitFor(() => fake.uploads.some((u) => u.completed));
    expect(fake.callsOf('conversations.open').at(-1)!.body.users).toBe(MEMBER);
    const [upload] = fake.uploads;
    expect(upload).toMatchObject({ channel: `D${MEMBER}`, filename: 'frise-pilier-2-2021-03-01.png' });
    expect(PNG.sync.read(upload!.bytes!).width).toBeGreaterThanOrEqual(1200);
  });
});

/** Types `/mesure <text>` in CPILOT03 as MEMBER; resolves once `done` holds over the fake's calls. */
async function command(text: string, done: (id: string) => boolean): Promise<string> {
  const id = `frise${++seq}`;
  const res = await postSigned(url, SECRET, commandBody({ text, user_id: MEMBER, channel_id: 'CPILOT03', response_url: fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  await fake.waitFor(() => done(id));
  return id;
}
const responseTo = (id: string) => fake.calls.find((c) => c.method === `/response/${id}`);

describe('/mesure frise', () => {
  it('posts the picture in the channel where it was asked, through files.uploadV2 (no target: the channel’s subscribed scope)', async () => {
    const before = fake.uploads.length;
    const id = await command('frise', () => fake.uploads.slice(before).some((u) => u.completed));
    const upload = fake.uploads[before]!;
    expect(fake.calls.map((c) => c.method).filter((m) => m.startsWith('files.') || m === 'upload').slice(-3)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(upload).toMatchObject({ channel: 'CPILOT03', threadTs: null, filename: 'frise-chantier-3-2021-03-01.png', completed: true });
    expect(upload.title).toMatch(/^Frise — Chantier 3 — .+ — 1er mars 2021$/);
    expect(upload.altText).toMatch(/^Frise de Chantier 3 .* au 1er mars 2021 : \d+ jalons, \d+ faits, \d+ en retard/);
    expect(upload.initialComment).toContain('Frise');
    expect(upload.length).toBe(upload.bytes!.length);
    expect(PNG.sync.read(upload.bytes!).width).toBeGreaterThanOrEqual(1200);
    // The picture is the reply: nothing else is said.
    expect(responseTo(id)).toBeUndefined();
  });

  it('tells only the asker why when the picture cannot be posted, and logs it', async () => {
    fake.options.failures = { 'files.completeUploadExternal': { times: 1, error: 'not_in_channel' } };
    const id = await command('frise pilier:2', (id) => responseTo(id) !== undefined);
    const reply = responseTo(id)!;
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body)).toContain('invitez d’abord Jalon dans ce canal');
    expect(log.lines).toContainEqual({ level: 'warn', msg: 'picture not posted', fields: { channel: 'CPILOT03', error: 'not_in_channel' } });
  });

  it('answers an unknown scope with the valid ones, and draws nothing', async () => {
    const before = fake.uploads.length;
    const id = await command('frise chantier:42', (id) => responseTo(id) !== undefined);
    expect(JSON.stringify(responseTo(id)!.body)).toContain('Portée inconnue : chantier:42. Portées valides : chantier:1 à chantier:10');
    expect(fake.uploads.length).toBe(before);
  });
});
