import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jalon } from '../../src/open-jalon.js';
import type { SlackApp } from '../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { commandBody, postSigned } from '../fakes/sign-slack-request.js';
import { openTestJalon, startHttpApp } from '../fakes/test-jalon.js';

const SECRET = 'export-signing-secret';
const CHANNEL = 'CPILOTAGE3';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi({ failures: {} });
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET));
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  jalon.close();
});

async function exportCommand(text: string, id: string) {
  const res = await postSigned(url, SECRET, commandBody({ text, user_id: 'UANYONE1', channel_id: CHANNEL, response_url: fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  await fake.waitFor((calls) => calls.some((c) => c.method === `/response/${id}`), 20_000);
  return fake.calls.find((c) => c.method === `/response/${id}`)!;
}

/** The XLSX inside an upload's body (raw, or one part of a multipart form). */
function xlsxOf(body: Buffer): Buffer {
  const start = body.indexOf(Buffer.from('PK\x03\x04'));
  expect(start).toBeGreaterThanOrEqual(0);
  return body.subarray(start);
}

describe('/mesure export', () => {
  it('uploads the scope’s XLSX to the conversation with files.uploadV2, for any member', async () => {
    const response = await exportCommand('export chantier:3', 'x1');
    expect(JSON.stringify(response.body)).toContain('Tableau de suivi — chantier 3 (état au 2021-03-01)');
    const [complete] = fake.callsOf('files.completeUploadExternal');
    expect(complete!.body.channel_id).toBe(CHANNEL);
    expect(JSON.stringify(complete!.body.files)).toContain('Tableau de suivi');
    const getUrl = fake.callsOf('files.getUploadURLExternal')[0]!;
    expect(String(getUrl.body.filename)).toMatch(/^jalon-mesures-chantier-3-2021-03-01\.xlsx$/);
    const upload = fake.uploads.find((u) => JSON.stringify(complete!.body.files).includes(u.fileId))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsxOf(upload.bytes!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Synthèse', 'Chantier 3']);
    const ids = wb.getWorksheet('Chantier 3')!.getColumn(1).values.slice(2) as string[];
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.every((id) => id.startsWith('MS-C3-'))).toBe(true);
  });

  it('an unknown scope is an error listing the valid ones, and nothing is uploaded', async () => {
    const before = fake.uploads.length;
    const response = await exportCommand('export chantier:42', 'x2');
    expect(JSON.stringify(response.body)).toContain('Portée inconnue : chantier:42');
    expect(fake.uploads.length).toBe(before);
  });

  it('says so when Slack refuses the file', async () => {
    fake.options.failures!['files.getUploadURLExternal'] = { times: 1, error: 'not_in_channel' };
    const response = await exportCommand('export pilier:2 csv', 'x3');
    expect(JSON.stringify(response.body)).toContain('Le fichier n’a pas pu être envoyé');
  });
});
