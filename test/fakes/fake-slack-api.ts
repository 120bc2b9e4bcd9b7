import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received: a Web API method call or a POST to a response_url. */
export interface RecordedCall {
  method: string;
  /** Form fields and JSON bodies alike, with `blocks` / `view` already parsed. */
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface FakeSlackApiOptions {
  botUserId?: string;
  /** conversations.members answers: channel → member ids. */
  members?: Record<string, string[]>;
  /** apps.connections.open answer (Socket Mode). */
  socketUrl?: string;
  /** Answer the next calls of a method with HTTP 429 and this Retry-After (seconds). */
  rateLimit?: Record<string, { times: number; retryAfter: number }>;
  /** Answer the next calls of a method with { ok: false, error }. */
  failures?: Record<string, { times: number; error: string }>;
  /** Private files served at their path (GET, like files.slack.com) — see `fileUrl`. */
  files?: Record<string, { bytes: Uint8Array; contentType?: string }>;
}

export interface FakeSlackApi {
  /** Base URL for SLACK_API_URL / clientOptions.slackApiUrl, ending with "/api/". */
  apiUrl: string;
  /** A URL to give as a command's or action's response_url. */
  responseUrl(id?: string): string;
  /** Serves `bytes` at a private-file URL (as a message's `url_private_download`), returned. */
  fileUrl(name: string, bytes: Uint8Array, contentType?: string): string;
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** Files received at the upload URLs files.getUploadURLExternal hands out (files.uploadV2). */
  uploads: { fileId: string; body: Buffer; contentType: string | undefined }[];
  members: Record<string, string[]>;
  options: FakeSlackApiOptions;
  /**
   * Holds the answers to calls of `method` (those whose body matches `where`, if given) until the
   * returned function is called: the calls are recorded at once, answered on release (a slow Slack).
   */
  hold(method: string, where?: (body: Record<string, unknown>) => boolean): () => void;
  /** Resolves once `predicate` holds over the calls (polls; rejects after `timeoutMs`). */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return out;
}

/**
 * A fake Slack Web API on 127.0.0.1: records every call and answers the methods Jalon uses like
 * Slack does (ok: true, a fresh ts per message). Unknown methods answer ok: true.
 */
export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const uploads: FakeSlackApi['uploads'] = [];
  const members = options.members ?? {};
  const botUserId = options.botUserId ?? 'UJALONBOT';
  const holds: { method: string; where: (body: Record<string, unknown>) => boolean; released: Promise<void> }[] = [];
  let seq = 0;
  const nextTs = () => {
    seq += 1;
    return `1700000000.${String(seq).padStart(6, '0')}`;
  };

  const answer = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'jalon', team_id: 'T0FAKE', user_id: botUserId, bot_id: 'B0FAKE' };
      case 'chat.postMessage': {
        const ts = nextTs();
        return { ok: true, channel: body.channel, ts, message: { text: body.text, ts, thread_ts: body.thread_ts } };
      }
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${seq++}`, ...(body.view as object) } };
      case 'users.info':
        return { ok: true, user: { id: body.user, name: `user-${String(body.user)}`, real_name: `Utilisateur ${String(body.user)}` } };
      case 'conversations.members': {
        const list = members[String(body.channel)];
        if (!list) return { ok: false, error: 'channel_not_found' };
        return { ok: true, members: list, response_metadata: { next_cursor: '' } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++seq).padStart(8, '0')}`;
        return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (JSON.parse(String(body.files ?? '[]')) as { id: string; title?: string }[]).map((f) => ({ id: f.id, title: f.title })) };
      case 'apps.connections.open':
        return options.socketUrl ? { ok: true, url: options.socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/upload/')) {
        uploads.push({ fileId: url.pathname.slice('/upload/'.length), body: Buffer.concat(chunks), contentType: req.headers['content-type'] });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      } catch {
        res.writeHead(400).end();
        return;
      }
      const method = url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : url.pathname;
      calls.push({ method, body, authorization: req.headers.authorization });
      const held = holds.filter((h) => h.method === method && h.where(body)).map((h) => h.released);
      if (held.length > 0) void Promise.all(held).then(() => reply(method, url, body, res));
      else reply(method, url, body, res);
    });
  });

  /** Answers one recorded call (after its hold, if any). */
  const reply = (method: string, url: URL, body: Record<string, unknown>, res: ServerResponse) => {
    const file = options.files?.[url.pathname];
    if (file) {
      res.writeHead(200, { 'content-type': file.contentType ?? 'application/octet-stream' });
      res.end(Buffer.from(file.bytes));
      return;
    }
    const limited = options.rateLimit?.[method];
    if (limited && limited.times > 0) {
      limited.times -= 1;
      res.writeHead(429, { 'retry-after': String(limited.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const failure = options.failures?.[method];
    res.writeHead(200, { 'content-type': 'application/json' });
    if (failure && failure.times > 0) {
      failure.times -= 1;
      res.end(JSON.stringify({ ok: false, error: failure.error }));
      return;
    }
    res.end(JSON.stringify(url.pathname.startsWith('/api/') ? answer(method, body) : { ok: true }));
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = 'r1') => `${base}/response/${id}`,
    fileUrl(name, bytes, contentType) {
      const path = `/files-pri/T0FAKE-F${Object.keys((options.files ??= {})).length + 1}/${encodeURIComponent(name)}`;
      options.files[path] = contentType ? { bytes, contentType } : { bytes };
      return `${base}${path}`;
    },
    calls,
    uploads,
    callsOf: (method) => calls.filter((c) => c.method === method),
    members,
    options,
    hold(method, where = () => true) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ method, where, released });
      return release;
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const start = performance.now();
      while (!predicate(calls)) {
        if (performance.now() - start > timeoutMs) throw new Error(`waitFor timed out; calls: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
