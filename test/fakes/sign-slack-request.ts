import { createHmac } from 'node:crypto';

/**
 * Headers of a request signed as Slack signs them (v0 HMAC-SHA256 of "v0:<ts>:<body>").
 * `timestampSec` defaults to now: Bolt checks freshness against its own clock.
 */
export function signSlackRequest(secret: string, body: string, timestampSec: number = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSec), 'x-slack-signature': `v0=${signature}` };
}

export interface SlackPost {
  body: string;
  contentType: string;
}

/** An Events API callback envelope, as Slack sends it over HTTP or Socket Mode. */
export function eventCallback(event: Record<string, unknown>, eventId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: 'T0FAKE',
    api_app_id: 'A0FAKE',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: 'T0FAKE', user_id: 'UJALONBOT', is_bot: true }],
    event,
    ...extra,
  };
}

/** An Events API callback, as Slack POSTs it (JSON). */
export function eventBody(event: Record<string, unknown>, eventId: string, extra: Record<string, unknown> = {}): SlackPost {
  return { contentType: 'application/json', body: JSON.stringify(eventCallback(event, eventId, extra)) };
}

let triggers = 0;

/** A slash command, as Slack POSTs it (form-encoded); a fresh trigger_id unless one is given, as Slack does. */
export function commandBody(fields: { text: string; user_id: string; channel_id: string; response_url: string; trigger_id?: string }): SlackPost {
  return {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({
      token: 'legacy',
      team_id: 'T0FAKE',
      team_domain: 'fake',
      channel_name: 'pilotage',
      user_name: 'someone',
      command: '/mesure',
      api_app_id: 'A0FAKE',
      trigger_id: fields.trigger_id ?? `${process.pid}.${++triggers}.trigger`,
      ...fields,
    }).toString(),
  };
}

/** An interaction (block action, view submission), as Slack POSTs it: form field `payload`. */
export function interactionBody(payload: Record<string, unknown>): SlackPost {
  return {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ payload: JSON.stringify({ team: { id: 'T0FAKE' }, api_app_id: 'A0FAKE', token: 'legacy', ...payload }) }).toString(),
  };
}

/** POSTs a signed request to the app; returns the HTTP status and body. */
export async function postSigned(
  url: string,
  secret: string,
  post: SlackPost,
  options: { timestampSec?: number; headers?: Record<string, string>; signature?: string } = {},
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'content-type': post.contentType, ...signSlackRequest(secret, post.body, options.timestampSec), ...options.headers };
  if (options.signature !== undefined) headers['x-slack-signature'] = options.signature;
  const res = await fetch(url, { method: 'POST', headers, body: post.body });
  return { status: res.status, body: await res.text() };
}
