import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local Socket Mode endpoint: a minimal RFC 6455 WebSocket server (text frames, ping → pong,
 * close) that says `hello` on connect, sends envelopes and records the client's acks.
 */
export interface FakeSocketServer {
  url: string;
  /** Envelope acks received ({ envelope_id, payload }). */
  acks: { envelope_id: string; payload?: unknown }[];
  /** Resolves once a client is connected and was sent `hello`. */
  connected(): Promise<void>;
  /** Sends an Events API envelope; returns its envelope_id. */
  sendEvent(payload: Record<string, unknown>, retry?: { attempt: number; reason: string }): string;
  /** Sends an interactive / slash_commands envelope. */
  sendEnvelope(type: 'slash_commands' | 'interactive', payload: Record<string, unknown>): string;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<{ envelope_id: string; payload?: unknown }>;
  close(): Promise<void>;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.alloc(2) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (len < 126) head[1] = len;
  else if (len < 65536) {
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

export async function startFakeSocketServer(): Promise<FakeSocketServer> {
  const acks: { envelope_id: string; payload?: unknown }[] = [];
  const sockets = new Set<Socket>();
  let client: Socket | null = null;
  let onConnect: (() => void) | null = null;
  const connectedPromise = new Promise<void>((resolve) => {
    onConnect = resolve;
  });
  let seq = 0;

  const server: Server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const key = req.headers['sec-websocket-key'];
    const accept = createHash('sha1').update(`${String(key)}${GUID}`).digest('base64');
    socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
    client = socket;
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0]! & 0x0f;
        const masked = (buffer[1]! & 0x80) !== 0;
        let len = buffer[1]! & 0x7f;
        let offset = 2;
        if (len === 126) {
          if (buffer.length < 4) return;
          len = buffer.readUInt16BE(2);
          offset = 4;
        } else if (len === 127) {
          if (buffer.length < 10) return;
          len = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        const maskAt = offset;
        if (masked) offset += 4;
        if (buffer.length < offset + len) return;
        const payload = Buffer.from(buffer.subarray(offset, offset + len));
        if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ buffer[maskAt + (i % 4)]!;
        buffer = buffer.subarray(offset + len);
        if (opcode === 0x1) acks.push(JSON.parse(payload.toString('utf8')) as { envelope_id: string });
        else if (opcode === 0x9) socket.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          socket.write(frame(0x8, payload.subarray(0, 2)));
          socket.end();
        }
      }
    });
    socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }))));
    onConnect?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const send = (message: Record<string, unknown>) => {
    if (!client) throw new Error('no Socket Mode client connected');
    client.write(frame(0x1, Buffer.from(JSON.stringify(message))));
  };

  return {
    url: `ws://127.0.0.1:${port}/link`,
    acks,
    connected: () => connectedPromise,
    sendEvent(payload, retry) {
      const envelopeId = `env-${++seq}`;
      send({
        envelope_id: envelopeId,
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: retry?.attempt ?? 0,
        retry_reason: retry?.reason ?? '',
        payload,
      });
      return envelopeId;
    },
    sendEnvelope(type, payload) {
      const envelopeId = `env-${++seq}`;
      send({ envelope_id: envelopeId, type, accepts_response_payload: true, payload });
      return envelopeId;
    },
    async waitForAck(envelopeId, timeoutMs = 5000) {
      const start = performance.now();
      for (;;) {
        const ack = acks.find((a) => a.envelope_id === envelopeId);
        if (ack) return ack;
        if (performance.now() - start > timeoutMs) throw new Error(`no ack for ${envelopeId}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
