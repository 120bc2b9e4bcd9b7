import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeUploads, UPLOAD_PATH, type FakeUpload } from './fake-file-uploads.js';

/** How the fake answers one chat.postMessage: Slack's ok, an error, an HTTP status, or no answer. */
export type ScriptedAnswer =
  | { error: string }
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | 'hang';

export interface DigestApiCall {
  method: string;
  body: Record<string, unknown>;
  /** The ts answered, when the call was a successful chat.postMessage. */
  ts?: string;
}

export interface FakeSlackDigestApi {
  /** slackApiUrl for a WebClient, ending with "/api/". */
  apiUrl: string;
  calls: DigestApiCall[];
  /** Files shared through files.uploadV2's three steps (completed or not). */
  uploads: FakeUpload[];
  /** Successful chat.postMessage calls (messages Slack would show). */
  posts(channel?: string): DigestApiCall[];
  /**
   * Queue answers for the next chat.postMessage calls to `channel` (then ok again); a Web API
   * method name ("files.completeUploadExternal") instead queues answers for that method's next calls.
   */
  script(channel: string, ...answers: ScriptedAnswer[]): void;
  /** Channels that do not exist: every post there answers channel_not_found. */
  missing: Set<string>;
  /** Resolves once `n` calls to `method` were received. */
  waitForCalls(method: string, n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A minimal fake of the Slack Web API on 127.0.0.1 for digest tests: chat.postMessage with
 * per-channel scripted failures (429 + Retry-After, 5xx, platform errors, a hung request) and
 * conversations.open for admin DMs. Form and JSON bodies are both read; blocks are parsed.
 */
export async function startFakeSlackDigestApi(): Promise<FakeSlackDigestApi> {
  const calls: DigestApiCall[] = [];
  const scripts = new Map<string, ScriptedAnswer[]>();
  const missing = new Set<string>();
  const files = createFakeUploads();
  let base = '';
  let seq = 0;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if ((req.url ?? '').startsWith(UPLOAD_PATH)) {
        const bytes = Buffer.concat(chunks);
        calls.push({ method: 'upload', body: { path: req.url, size: bytes.length } });
        void files.receive(req.url ?? '', bytes, req.headers['content-type']).then(
          (known) => res.writeHead(known ? 200 : 404).end(known ? 'OK' : 'not found'),
          () => res.writeHead(400).end(),
        );
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const body: Record<string, unknown> = {};
      if (req.headers['content-type']?.includes('application/json')) Object.assign(body, JSON.parse(raw || '{}'));
      else for (const [k, v] of new URLSearchParams(raw)) body[k] = k === 'blocks' ? JSON.parse(v) : v;
      const method = (req.url ?? '').replace(/^\/api\//, '').replace(/\?.*$/, '');
      const call: DigestApiCall = { method, body };
      calls.push(call);
      const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (method === 'conversations.open') return json(200, { ok: true, channel: { id: `D${String(body.users)}` } });
      const scripted = scripts.get(method)?.shift();
      if (scripted === 'hang') return;
      if (scripted && 'error' in scripted) return json(200, { ok: false, error: scripted.error });
      if (scripted) return json(scripted.status, { ok: false }, scripted.status === 429 ? { 'retry-after': String(scripted.retryAfter) } : {});
      const upload = files.answer(method, body, base);
      if (upload) return json(200, upload);
      if (method !== 'chat.postMessage') return json(200, { ok: true });
      const channel = String(body.channel);
      if (missing.has(channel)) return json(200, { ok: false, error: 'channel_not_found' });
      const answer = scripts.get(channel)?.shift();
      if (answer === 'hang') return; // never answered: the poster "crashes" waiting
      if (answer && 'error' in answer) return json(200, { ok: false, error: answer.error });
      if (answer && answer.status === 429) return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(answer.retryAfter) });
      if (answer) return json(answer.status, { ok: false });
      seq += 1;
      call.ts = `1570000000.${String(seq).padStart(6, '0')}`;
      return json(200, { ok: true, channel, ts: call.ts });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    uploads: files.uploads,
    posts: (channel) => calls.filter((c) => c.method === 'chat.postMessage' && c.ts !== undefined && (channel === undefined || c.body.channel === channel)),
    script(channel, ...answers) {
      scripts.set(channel, [...(scripts.get(channel) ?? []), ...answers]);
    },
    missing,
    async waitForCalls(method, n, timeoutMs = 5000) {
      const start = performance.now();
      while (calls.filter((c) => c.method === method).length < n) {
        if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${n} ${method}`);
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
