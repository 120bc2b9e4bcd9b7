import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadSlackFile } from '../../src/slack/download-slack-file.js';

/** A loopback file host: each path answers with its queue of statuses, then the body. */
let server: Server;
let base: string;
const hits: { path: string; authorization: string | undefined }[] = [];
const answers: Record<string, { statuses: number[]; body: Buffer; type?: string }> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ path: req.url ?? '', authorization: req.headers.authorization });
    const a = answers[req.url ?? ''];
    const status = a?.statuses.shift() ?? 200;
    res.writeHead(a ? status : 404, { 'content-type': a?.type ?? 'application/octet-stream' });
    res.end(status === 200 && a ? a.body : undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const options = { token: 'xoxb-secret', maxBytes: 1000, apiUrl: '', sleep: async () => undefined };
const file = (path: string, size?: number) => ({ id: 'F1', name: 'doc.pdf', url_private_download: `${base}${path}`, ...(size === undefined ? {} : { size }) });

describe('downloadSlackFile', () => {
  it('sends the token only to Slack or the configured API host', async () => {
    answers['/a'] = { statuses: [200], body: Buffer.from('%PDF-1.7 contenu') };
    await expect(downloadSlackFile(file('/a'), options)).rejects.toMatchObject({ userMessage: expect.stringContaining('doc.pdf : fichier inaccessible') });
    expect(hits).toEqual([]);
    const bytes = await downloadSlackFile(file('/a'), { ...options, apiUrl: `${base}/api/` });
    expect(Buffer.from(bytes).toString()).toBe('%PDF-1.7 contenu');
    expect(hits).toEqual([{ path: '/a', authorization: 'Bearer xoxb-secret' }]);
  });

  it('retries a server error a bounded number of times', async () => {
    answers['/b'] = { statuses: [503, 500, 200], body: Buffer.from('ok') };
    expect(Buffer.from(await downloadSlackFile(file('/b'), { ...options, apiUrl: base })).toString()).toBe('ok');
    answers['/c'] = { statuses: [500, 500, 500, 500], body: Buffer.from('ok') };
    await expect(downloadSlackFile(file('/c'), { ...options, apiUrl: base, retries: 2 })).rejects.toMatchObject({ userMessage: 'doc.pdf : téléchargement depuis Slack impossible, réessayez dans un instant.' });
    expect(hits.filter((h) => h.path === '/c')).toHaveLength(3);
  });

  it('says when Slack answers a login page (no files:read), and stops a file past the limit', async () => {
    answers['/d'] = { statuses: [200], body: Buffer.from('<html>login</html>'), type: 'text/html; charset=utf-8' };
    await expect(downloadSlackFile(file('/d'), { ...options, apiUrl: base })).rejects.toMatchObject({ userMessage: expect.stringContaining('files:read') });
    answers['/e'] = { statuses: [200], body: Buffer.alloc(5000) };
    await expect(downloadSlackFile(file('/e'), { ...options, apiUrl: base })).rejects.toMatchObject({ problem: 'too_large' });
    await expect(downloadSlackFile(file('/e', 5000), { ...options, apiUrl: base })).rejects.toMatchObject({ problem: 'too_large' });
    expect(hits.filter((h) => h.path === '/e')).toHaveLength(1);
  });
});
