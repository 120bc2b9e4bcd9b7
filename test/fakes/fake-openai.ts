import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  status?: number;
  /** The assistant message content (wrapped in a chat.completion), or a raw body when `raw`. */
  content?: string;
  raw?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeOpenAI {
  baseUrl: string;
  requests: { path: string; body: unknown }[];
  reply: (next: FakeReply) => void;
  close: () => Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
  });

/** A local OpenAI-compatible server on 127.0.0.1 answering chat completions as told. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  let next: FakeReply = { content: '{}' };
  const requests: FakeOpenAI['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    requests.push({ path: req.url ?? '', body: body ? JSON.parse(body) : null });
    const reply = next;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(
      reply.raw ??
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 0,
          model: 'fake',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply.content ?? null } }],
        }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (r) => (next = r),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
