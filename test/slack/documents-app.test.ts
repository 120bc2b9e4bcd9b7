import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jalon } from '../../src/open-jalon.js';
import type { SlackApp } from '../../src/slack/app.js';
import { startFakeSlackApi, type FakeSlackApi, type RecordedCall } from '../fakes/fake-slack-api.js';
import { commandBody, eventBody, interactionBody, postSigned } from '../fakes/sign-slack-request.js';
import { ADMIN, openTestJalon, startHttpApp } from '../fakes/test-jalon.js';
import { buildPdf, buildScannedPdf } from '../helpers/document-fixtures.js';

const SECRET = 'test-signing-secret';
const DM = 'DADMIN01';
const OUTSIDER = 'UOUTSIDE1';

let jalon: Jalon;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let seq = 0;

const json = (call: RecordedCall) => JSON.stringify(call.body);
const post = (body: { body: string; contentType: string }) => postSigned(url, SECRET, body);
const texts = (call: RecordedCall) => (call.body.blocks as { text?: { text: string }; elements?: { text?: string }[] }[]).map((b) => b.text?.text ?? b.elements?.map((e) => e.text).join(' ') ?? '').join('\n');

/** A file sent to Jalon in a DM: the message event Slack delivers. */
function share(user: string, name: string, fileUrl: string, size: number) {
  const ts = `1700000100.${String(++seq).padStart(6, '0')}`;
  const event = { type: 'message', subtype: 'file_share', channel_type: 'im', channel: DM, user, text: '', ts, files: [{ id: `F${seq}`, name, size, url_private_download: fileUrl }] };
  return { ts, send: () => post(eventBody(event, `EvDoc${seq}`)) };
}

/** The reply that replaced the "j'indexe…" note in a thread. */
async function indexedReply(ts: string): Promise<RecordedCall> {
  await fake.waitFor(() => fake.callsOf('chat.postMessage').some((c) => c.body.thread_ts === ts));
  const note = fake.callsOf('chat.postMessage').find((c) => c.body.thread_ts === ts)!;
  await fake.waitFor(() => fake.callsOf('chat.update').some((c) => c.body.ts !== undefined && c.body.text !== note.body.text && c.body.channel === DM && fake.calls.indexOf(c) > fake.calls.indexOf(note)));
  return fake.callsOf('chat.update').filter((c) => fake.calls.indexOf(c) > fake.calls.indexOf(note)).at(0)!;
}

beforeAll(async () => {
  jalon = openTestJalon();
  fake = await startFakeSlackApi();
  ({ slack, url } = await startHttpApp(jalon, fake.apiUrl, SECRET));
});

afterAll(async () => {
  await slack.stop();
  await fake.close();
  jalon.close();
});

describe('documents sent to Jalon', () => {
  it('an admin’s PDF in the DM is downloaded with the bot token, indexed, and answered from at once', async () => {
    const pdf = await buildPdf([
      { title: 'Hospitalisation à domicile', lines: ['Juin 2022', '', 'Le rapport dresse un état des lieux de l’HAD.'] },
      { title: 'Capacités', lines: ['Les établissements d’HAD prennent en charge 22 000 patients par jour.'] },
    ]);
    const fileUrl = fake.fileUrl('had.pdf', pdf);
    const { ts, send } = share(ADMIN, 'had.pdf', fileUrl, pdf.length);
    expect((await send()).status).toBe(200);
    const reply = await indexedReply(ts);
    expect(texts(reply)).toMatch(/^:page_facing_up: \*Hospitalisation à domicile\* ajouté \(D1 · had\.pdf\) : 2 pages, \d+ passages? indexés\.\nDate : juin 2022\./);
    const download = fake.calls.find((c) => c.method === new URL(fileUrl).pathname)!;
    expect(download.authorization).toBe('Bearer xoxb-test');

    // The running app's index was reloaded: a question in the DM cites the new PDF at its page.
    const qts = `1700000200.${String(++seq).padStart(6, '0')}`;
    await post(eventBody({ type: 'message', channel_type: 'im', channel: DM, user: ADMIN, text: 'Combien de patients par jour en HAD ?', ts: qts }, `EvQ${seq}`));
    await fake.waitFor(() => fake.callsOf('chat.update').some((c) => json(c).includes('Sources')));
    const answer = fake.callsOf('chat.update').find((c) => json(c).includes('Sources'))!;
    expect(texts(answer)).toContain('*[1]* _Hospitalisation à domicile_, juin 2022, p. 2 › Capacités');
  });

  it('anyone else is told who can, and nothing is downloaded', async () => {
    const pdf = await buildPdf([{ lines: ['Un texte qui ne sera pas ajouté.'] }]);
    const fileUrl = fake.fileUrl('autre.pdf', pdf);
    const { ts, send } = share(OUTSIDER, 'autre.pdf', fileUrl, pdf.length);
    await send();
    await fake.waitFor(() => fake.callsOf('chat.postMessage').some((c) => c.body.thread_ts === ts));
    const refusal = fake.callsOf('chat.postMessage').find((c) => c.body.thread_ts === ts)!;
    expect(texts(refusal)).toContain(`Seuls les administrateurs de Jalon peuvent ajouter des documents : <@${ADMIN}>`);
    expect(fake.calls.some((c) => c.method === new URL(fileUrl).pathname)).toBe(false);
  });

  it('a scanned PDF is refused by name; one over the limit is refused before any download', async () => {
    const scan = await buildScannedPdf();
    const { ts, send } = share(ADMIN, 'scan.pdf', fake.fileUrl('scan.pdf', scan), scan.length);
    await send();
    expect(texts(await indexedReply(ts))).toContain('scan.pdf : aucun texte : document numérisé ?');
    const hugeUrl = fake.fileUrl('enorme.pdf', new Uint8Array(10));
    const huge = share(ADMIN, 'enorme.pdf', hugeUrl, 80 * 1024 * 1024);
    await huge.send();
    expect(texts(await indexedReply(huge.ts))).toContain('enorme.pdf : fichier trop volumineux (80 Mo ; limite 50 Mo');
    expect(fake.calls.some((c) => c.method === new URL(hugeUrl).pathname)).toBe(false);
  });

  it('asks for the title and date the document does not give, in a form that checks them', async () => {
    const text = new TextEncoder().encode('Les équipes de soins spécialisés se déploient dans chaque département.');
    const { ts, send } = share(ADMIN, 'compte-rendu.txt', fake.fileUrl('compte-rendu.txt', text, 'text/plain'), text.length);
    await send();
    const reply = await indexedReply(ts);
    const button = (reply.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')!.elements![0]!;
    expect(button).toMatchObject({ action_id: 'document_edit', value: 'D2' });

    await post(interactionBody({ type: 'block_actions', user: { id: ADMIN }, channel: { id: DM }, trigger_id: 'trig-doc', container: { type: 'message', channel_id: DM }, actions: [{ action_id: 'document_edit', block_id: 'document', value: 'D2', type: 'button' }] }));
    await fake.waitFor(() => fake.callsOf('views.open').some((c) => c.body.trigger_id === 'trig-doc'));
    const view = fake.callsOf('views.open').find((c) => c.body.trigger_id === 'trig-doc')!.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('document_info');
    const submit = (date: string) =>
      post(
        interactionBody({
          type: 'view_submission',
          user: { id: ADMIN },
          view: {
            id: 'VDOC',
            callback_id: 'document_info',
            private_metadata: view.private_metadata,
            state: {
              values: {
                document_title: { document_title: { type: 'plain_text_input', value: 'Compte rendu du comité ESS' } },
                document_date: { document_date: { type: 'plain_text_input', value: date } },
                document_url: { document_url: { type: 'plain_text_input', value: null } },
              },
            },
          },
        }),
      );
    const wrong = await submit('un jour');
    expect(JSON.parse(wrong.body)).toMatchObject({ response_action: 'errors', errors: { document_date: expect.stringContaining('date invalide') } });
    expect((await submit('mars 2023')).status).toBe(200);
    await fake.waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => json(c).includes('Compte rendu du comité ESS')));
    expect(jalon.documents.get('D2')).toMatchObject({ title: 'Compte rendu du comité ESS', date: '2023-03' });
  });
});

describe('/mesure document ajouter', () => {
  async function command(user: string): Promise<RecordedCall> {
    const id = `doc${++seq}`;
    await post(commandBody({ text: 'document ajouter', user_id: user, channel_id: 'CPILOTAGE', response_url: fake.responseUrl(id), trigger_id: `trig-${id}` }));
    await fake.waitFor(() => fake.calls.some((c) => c.method === `/response/${id}` || (c.method === 'views.open' && c.body.trigger_id === `trig-${id}`)));
    return fake.calls.find((c) => c.method === `/response/${id}` || (c.method === 'views.open' && c.body.trigger_id === `trig-${id}`))!;
  }

  it('opens a form with a file field for an admin; the file sent with it is indexed', async () => {
    const open = await command(ADMIN);
    expect(open.method).toBe('views.open');
    const view = open.body.view as { callback_id: string; private_metadata: string; blocks: { element?: { type: string } }[] };
    expect(view.callback_id).toBe('document_upload');
    expect(view.blocks[0]!.element!.type).toBe('file_input');
    const pdf = await buildPdf([{ title: 'Plan blanc', lines: ['Avril 2021', '', 'Le plan blanc mobilise les réserves sanitaires.'] }]);
    const file = { id: 'FUP1', name: 'plan-blanc.pdf', size: pdf.length, url_private_download: fake.fileUrl('plan-blanc.pdf', pdf) };
    const res = await post(
      interactionBody({
        type: 'view_submission',
        user: { id: ADMIN },
        view: { id: 'VUP', callback_id: 'document_upload', private_metadata: view.private_metadata, state: { values: { document_file: { document_file: { type: 'file_input', files: [file] } } } } },
      }),
    );
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => json(c).includes('plan-blanc.pdf')));
    expect(json(fake.callsOf('chat.postEphemeral').find((c) => json(c).includes('plan-blanc.pdf'))!)).toContain('Plan blanc* ajouté');
  });

  it('tells anyone else who can', async () => {
    const reply = await command(OUTSIDER);
    expect(reply.method).toMatch(/^\/response\//);
    expect(json(reply)).toContain(`<@${ADMIN}>`);
  });
});
