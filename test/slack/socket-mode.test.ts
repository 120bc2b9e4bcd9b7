import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jalon } from '../../src/open-jalon.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { startFakeSocketServer, type FakeSocketServer } from '../fakes/fake-socket-server.js';
import { ADMIN, openTestJalon, testDeps } from '../fakes/test-jalon.js';
import { eventCallback } from '../fakes/sign-slack-request.js';

let jalon: Jalon;
let fake: FakeSlackApi;
let socket: FakeSocketServer;
let slack: SlackApp;


beforeAll(async () => {
  jalon = openTestJalon();
  socket = await startFakeSocketServer();
  fake = await startFakeSlackApi({ socketUrl: socket.url });
  const { isMember: _unused, ...base } = testDeps(jalon);
  slack = createSlackApp(base, { mode: 'socket', botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: fake.apiUrl, port: 0 });
  await slack.start();
  await socket.connected();
});

afterAll(async () => {
  await slack.stop();
  await socket.close();
  await fake.close();
  jalon.close();
});

describe('Socket Mode', () => {
  it('connects through apps.connections.open with the app token', () => {
    const open = fake.callsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.authorization).toBe('Bearer xapp-test');
  });

  it('acks an app_mention envelope and answers in the thread; a retried envelope is acked, not answered again', async () => {
    const event = { type: 'app_mention', user: 'UASKER01', text: '<@UJALONBOT> Qu’est-ce que le SAS ?', ts: '1700000001.000100', channel: 'CSOCKET1' };
    const first = socket.sendEvent(eventCallback(event, 'EvS1'));
    await socket.waitForAck(first);
    await fake.waitFor(() => fake.callsOf('chat.update').some((c) => c.body.channel === 'CSOCKET1'));
    const retry = socket.sendEvent(eventCallback(event, 'EvS1'), { attempt: 1, reason: 'timeout' });
    await socket.waitForAck(retry);
    // A later question is answered: by then the retry was handled.
    const next = socket.sendEvent(eventCallback({ ...event, ts: '1700000001.000200', text: '<@UJALONBOT> Et le Ségur ?' }, 'EvS2'));
    await socket.waitForAck(next);
    await fake.waitFor(() => fake.callsOf('chat.postMessage').some((c) => c.body.thread_ts === '1700000001.000200'));
    expect(fake.callsOf('chat.postMessage').filter((c) => c.body.thread_ts === '1700000001.000100')).toHaveLength(1);
  });

  it('acks a /mesure envelope and replies on its response_url', async () => {
    const id = socket.sendEnvelope('slash_commands', {
      token: 'legacy',
      team_id: 'T0FAKE',
      api_app_id: 'A0FAKE',
      command: '/mesure',
      text: 'retards chantier:3',
      user_id: ADMIN,
      channel_id: 'CSOCKET1',
      response_url: fake.responseUrl('sock'),
      trigger_id: 'trig-sock',
    });
    await socket.waitForAck(id);
    await fake.waitFor(() => fake.calls.some((c) => c.method === '/response/sock'));
    const reply = fake.calls.find((c) => c.method === '/response/sock')!;
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body)).toContain('Retards');
  });
});
