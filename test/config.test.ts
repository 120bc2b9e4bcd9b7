import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { JalonError } from '../src/domain/errors.js';

describe('parseConfig', () => {
  it('defaults to the console on the embedded database', () => {
    const c = parseConfig({});
    expect(c.slack.mode).toBe('console');
    expect(c.digest.pictures).toBe(true);
    expect(parseConfig({ JALON_DIGEST_PICTURES: 'false' }).digest.pictures).toBe(false);
    expect(c.dbPath).toMatch(/data\/jalon\.db$/);
    expect(c.llm).toBeUndefined();
    expect(c.digest).toMatchObject({ timezone: 'Europe/Paris', cron: '0 9 * * 1', horizonDays: 14 });
  });

  it('picks Socket Mode with an app token, HTTP with a bot token and a signing secret', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.mode).toBe('socket');
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack.mode).toBe('http');
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'nope', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ JALON_ADMINS: 'U1,not an id' }, 'JALON_ADMINS'],
    [{ SLACK_API_URL: 'not a url' }, 'SLACK_API_URL'],
    [{ JALON_DIGEST_HORIZON_DAYS: '0' }, 'JALON_DIGEST_HORIZON_DAYS'],
  ])('fails with one message naming the variable: %j', (env, name) => {
    expect(() => parseConfig(env)).toThrow(JalonError);
    expect(() => parseConfig(env)).toThrow(name);
  });

  it('commands other than jalon start need no Slack secret (the mode is still read)', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, { slackApp: false }).slack).toMatchObject({ mode: 'http', botToken: 'xoxb-1', signingSecret: undefined });
    expect(() => parseConfig({ SLACK_BOT_TOKEN: 'nope' }, { slackApp: false })).toThrow('SLACK_BOT_TOKEN');
  });

  it('never puts a secret in its error message', () => {
    try {
      parseConfig({ SLACK_BOT_TOKEN: 'xoxb-secret-value', SLACK_APP_TOKEN: 'bad-secret-value' });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('secret-value');
    }
  });

  it('reads admins, the model settings and a fixed "now"', () => {
    const c = parseConfig({ JALON_ADMINS: 'U1, U2', OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', JALON_NOW: '2019-10-07' });
    expect(c.slack.admins).toEqual(['U1', 'U2']);
    expect(c.llm).toMatchObject({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 20_000 });
    expect(c.now?.toISOString()).toBe('2019-10-07T09:00:00.000Z');
  });
});
