import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jalon } from '../../src/open-jalon.js';
import type { SlackApp } from '../../src/slack/app.js';
import { recordingLogger } from '../digest/helpers/digest-fixture.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { commandBody, postSigned } from '../fakes/sign-slack-request.js';
import { openTestJalon, startHttpApp } from '../fakes/test-jalon.js';

const SECRET = 'timeline-secret';
const CHANNEL = 'CPILOTAGE3';
const USER = 'UMEMBER01';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
const log = recordingLogger();
let seq = 0;

/** Types `/mesure <text>` in CHANNEL; resolves once `done` holds over the fake's calls. */
async function command(text: string, done: () => boolean): Promise<string> {
  const id = `frise${++seq}`;
  const res = await postSigned(url, SECRET, commandBody({ text, user_id: USER, channel_id: CHANNEL, response_url: fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  await fake.waitFor(done);
  return id;
}

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi();
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET, { logger: log.logger }));
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  jalon.close();
});

describe('/mesure frise', () => {
  it('posts the scope’s picture in the channel where it was asked, through files.uploadV2', async () => {
    await command('frise chantier 3', () => fake.uploads.some((u) => u.completed));
    const [upload] = fake.uploads;
    expect(fake.calls.map((c) => c.method).filter((m) => m.startsWith('files.') || m === 'upload')).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(upload).toMatchObject({ channel: CHANNEL, threadTs: null, filename: 'frise-chantier-3-2021-03-01.png', completed: true });
    expect(upload!.title).toMatch(/^Frise — Chantier 3 — .+ — 1er mars 2021$/);
    expect(upload!.altText).toMatch(/^Frise de Chantier 3 .* au 1er mars 2021 : \d+ jalons, \d+ faits, \d+ en retard/);
    expect(upload!.initialComment).toContain('Frise');
    const png = PNG.sync.read(upload!.bytes!);
    expect(png.width).toBeGreaterThanOrEqual(1200);
    expect(upload!.length).toBe(upload!.bytes!.length);
    // The picture is the reply: nothing else is said.
    expect(fake.calls.filter((c) => c.method.startsWith('/response/'))).toEqual([]);
  });

  it('tells only the asker why when the picture cannot be posted, and logs it', async () => {
    fake.options.failures = { 'files.completeUploadExternal': { times: 1, error: 'not_in_channel' } };
    const id = await command('frise pilier:2', () => fake.calls.some((c) => c.method === `/response/frise${seq}`));
    const [reply] = fake.calls.filter((c) => c.method === `/response/${id}`);
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply!.body)).toContain('invitez d’abord Jalon dans ce canal');
    expect(log.lines).toContainEqual({ level: 'warn', msg: 'picture not posted', fields: { channel: CHANNEL, error: 'not_in_channel' } });
  });

  it('answers an unknown scope with the valid ones, and draws nothing', async () => {
    const before = fake.uploads.length;
    const id = await command('frise chantier:42', () => fake.calls.some((c) => c.method === `/response/frise${seq}`));
    const text = JSON.stringify(fake.calls.find((c) => c.method === `/response/${id}`)!.body);
    expect(text).toContain('Portée inconnue : chantier:42. Portées valides : chantier:1 à chantier:10');
    expect(fake.uploads.length).toBe(before);
  });
});
