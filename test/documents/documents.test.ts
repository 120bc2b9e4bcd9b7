import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion } from '../../src/answer/answer-question.js';
import { renderAnswerText } from '../../src/console/render-answer.js';
import { parseConfig } from '../../src/config.js';
import { createDocuments } from '../../src/documents/create-documents.js';
import { DocumentError } from '../../src/documents/document-error.js';
import type { Jalon } from '../../src/open-jalon.js';
import { searchPassages } from '../../src/search/search-passages.js';
import { openTestJalon } from '../fakes/test-jalon.js';
import { buildDocx, buildEncryptedPdf, buildPdf, buildPptx, buildScannedPdf } from '../helpers/document-fixtures.js';
import { readSeed } from '../helpers/seeds.js';

/** A sentence per page, each about its own subject, so a question finds exactly one page. */
const PAGES = [
  { title: 'Bilan des centres de soins non programmés', lines: ['Mars 2022', '', 'Les centres de soins non programmés accueillent les patients sans rendez-vous.'] },
  { title: 'Financement', lines: ['Le forfait de démarrage des centres atteint 40 000 euros par site.', 'Il est versé par l’agence régionale en une seule fois.'] },
  { title: 'Perspectives', lines: ['Une évaluation qualitative des centres sera confiée à un laboratoire universitaire.'] },
];

async function refusal(promise: Promise<unknown>): Promise<DocumentError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentError);
  return error as DocumentError;
}

describe('added documents', () => {
  let dir: string;
  let jalon: Jalon;
  let report: Uint8Array;
  const count = (table: string) => (jalon.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const ask = (q: string) => askQuestion(jalon.answerDeps, q);
  const passagesOf = (file: string) =>
    (jalon.db.prepare('SELECT p.line_from, p.line_to FROM passages p JOIN documents d ON d.id = p.doc WHERE d.file = ?').all(file) as { line_from: number; line_to: number }[]).map((r) => ({
      lines: [r.line_from, r.line_to] as [number, number],
    }));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jalon-docs-'));
    jalon = openTestJalon({ JALON_DOCUMENTS_DIR: join(dir, 'documents') });
  });
  afterAll(() => jalon.close());

  it('adds a PDF: copied next to the store, indexed at once, cited at the page that prints the sentence', async () => {
    report = await buildPdf(PAGES);
    const doc = await jalon.documents.add({ name: '/chemin/bilan-csnp.pdf', bytes: report, url: 'https://example.org/bilan.pdf', addedBy: 'U1' });
    expect(doc).toMatchObject({ id: 'D1', file: 'bilan-csnp.pdf', title: 'Bilan des centres de soins non programmés', date: '2022-03', pages: 3, origin: 'added', titleFound: true, dateFound: true });
    expect(doc.passages).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'documents'))).toEqual(['D1-bilan-csnp.pdf']);

    const answer = await ask('Quel est le montant du forfait de démarrage des centres de soins non programmés ?');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]).toMatchObject({ source: 'bilan-csnp.pdf', page: 2, date: '2022-03', link: 'https://example.org/bilan.pdf#page=2' });
    expect(answer.citations[0]!.quote).toContain('40 000 euros');
    expect(renderAnswerText(answer)).toContain('[1] Bilan des centres de soins non programmés, mars 2022, p. 2 › Financement — bilan-csnp.pdf');
  });

  it('gives every line, passage and answer of the fixtures the page it is printed on', async () => {
    const SLIDES = [
      { title: 'Téléradiologie — point d’étape', body: ['Septembre 2022'] },
      { title: 'Sites équipés', body: ['Les sites de téléradiologie équipés couvrent douze départements.'] },
      { title: 'Calendrier', body: ['Le raccordement des derniers sites de téléradiologie se termine au printemps.'] },
    ];
    await jalon.documents.add({ name: 'teleradiologie.pptx', bytes: await buildPptx(SLIDES), addedBy: 'U1' });
    // Where the fixtures print each text (the PDF's footer is on every page: left out).
    const printed = new Map<string, Map<string, number>>([
      ['bilan-csnp.pdf', new Map(PAGES.flatMap((p, i) => [p.title, ...p.lines].filter(Boolean).map((t): [string, number] => [t, i + 1])))],
      ['teleradiologie.pptx', new Map(SLIDES.flatMap((s, i) => [s.title, ...s.body].map((t): [string, number] => [t, i + 1])))],
    ]);
    for (const [file, pageOfText] of printed) {
      const lines = jalon.corpus.lines(file)!;
      let checked = 0;
      lines.forEach((line, i) => {
        const page = pageOfText.get(line.replace(/^# /, ''));
        if (page === undefined) return;
        expect(jalon.documents.catalogue.pageOf(file, i + 1), `${file}: ${line}`).toBe(page);
        checked++;
      });
      expect(checked).toBeGreaterThanOrEqual(6);
      for (const passage of passagesOf(file)) {
        const first = lines.slice(passage.lines[0] - 1).find((l) => pageOfText.has(l.replace(/^# /, '')));
        if (first) expect(jalon.documents.catalogue.pageOf(file, passage.lines[0])).toBe(pageOfText.get(first.replace(/^# /, '')));
      }
    }
    const slide = await ask('Combien de départements les sites de téléradiologie couvrent-ils ?');
    expect(slide.citations[0]).toMatchObject({ source: 'teleradiologie.pptx', page: 2, date: '2022-09', link: null });
    const last = await ask('Évaluation qualitative des centres de soins non programmés par un laboratoire universitaire');
    expect(last.citations[0]).toMatchObject({ source: 'bilan-csnp.pdf', page: 3 });
  });

  it('adds a Word note without pages: its citations say page null', async () => {
    const note = await buildDocx([
      { title: 'Note sur les infirmiers en pratique avancée' },
      { heading: 'Effectifs', level: 1 },
      { paragraph: 'Les infirmiers en pratique avancée diplômés sont trois mille deux cents en 2023.' },
    ]);
    const doc = await jalon.documents.add({ name: 'note-ipa.docx', bytes: note, date: '2023-05', addedBy: 'U1' });
    expect(doc).toMatchObject({ pages: null, date: '2023-05', kind: 'note' });
    const answer = await ask('Combien d’infirmiers en pratique avancée diplômés en 2023 ?');
    expect(answer.citations[0]).toMatchObject({ source: 'note-ipa.docx', page: null, section: 'Effectifs' });
  });

  it('refuses bad files by name and keeps nothing of them', async () => {
    const before = { documents: count('documents'), passages: count('passages'), added: count('added_documents'), copies: readdirSync(join(dir, 'documents')).length };
    const refused = [
      await refusal(jalon.documents.add({ name: 'verrouille.pdf', bytes: await buildEncryptedPdf(), addedBy: 'U1' })),
      await refusal(jalon.documents.add({ name: 'scan.pdf', bytes: await buildScannedPdf(), addedBy: 'U1' })),
      await refusal(jalon.documents.add({ name: 'casse.pdf', bytes: (await buildPdf(PAGES)).slice(0, 500), addedBy: 'U1' })),
      await refusal(jalon.documents.add({ name: 'tableau.xlsx', bytes: new Uint8Array([0x50, 0x4b, 3, 4]), addedBy: 'U1' })),
      await refusal(jalon.documents.add({ name: 'copie.pdf', bytes: report, addedBy: 'U1' })),
      await refusal(jalon.documents.add({ name: 'seed.txt', bytes: new TextEncoder().encode(readSeed('004_ddbf7fe8fce5e35d.txt')), addedBy: 'U1' })),
      await refusal(jalon.documents.add({ name: 'bilan-csnp.pdf', bytes: await buildPdf([{ lines: ['Une autre version du bilan.'] }]), addedBy: 'U1' })),
      await refusal(jalon.documents.add({ name: 'date.pdf', bytes: await buildPdf(PAGES.slice(1)), date: 'bientôt', addedBy: 'U1' })),
    ];
    expect(refused.map((e) => [e.file, e.problem])).toEqual([
      ['verrouille.pdf', 'encrypted'],
      ['scan.pdf', 'no_text'],
      ['casse.pdf', 'corrupt'],
      ['tableau.xlsx', 'unsupported'],
      ['copie.pdf', 'duplicate'],
      ['seed.txt', 'duplicate'],
      ['bilan-csnp.pdf', 'name_taken'],
      ['date.pdf', 'invalid'],
    ]);
    for (const e of refused) expect(e.userMessage.startsWith(`${e.file} : `)).toBe(true);
    expect(refused[4]!.userMessage).toContain('(D1, bilan-csnp.pdf), déjà indexé');
    expect({ documents: count('documents'), passages: count('passages'), added: count('added_documents'), copies: readdirSync(join(dir, 'documents')).length }).toEqual(before);
  });

  it('refuses a file over the size limit, saying both sizes', async () => {
    const big = new Uint8Array(3 * 1024 * 1024);
    const small = createDocuments({ db: jalon.db, dir: undefined, maxBytes: 1024 * 1024, now: jalon.now, sources: [] });
    const e = await refusal(small.add({ name: 'gros.pdf', bytes: big, addedBy: 'U1' }));
    expect(e.problem).toBe('too_large');
    expect(e.userMessage).toBe('gros.pdf : fichier trop volumineux (3 Mo ; limite 1 Mo, réglable par JALON_DOCUMENT_MAX_MB).');
    expect(parseConfig({ JALON_DOCUMENT_MAX_MB: '0.5' }).documents.maxBytes).toBe(512 * 1024);
  });

  it('rolls the whole document back when its copy cannot be stored', async () => {
    const before = { documents: count('documents'), passages: count('passages'), added: count('added_documents') };
    // A directory in the way of the next document's copy makes its rename fail inside the transaction.
    const { seq } = jalon.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'added_documents'").get() as { seq: number };
    mkdirSync(join(dir, 'documents', `D${seq + 1}-bloque.txt`, 'occupe'), { recursive: true });
    await expect(jalon.documents.add({ name: 'bloque.txt', bytes: new TextEncoder().encode('Un texte sur les maisons sport-santé du territoire.'), addedBy: 'U1' })).rejects.toMatchObject({
      userMessage: 'bloque.txt : l’ajout a échoué ; rien n’a été enregistré.',
    });
    expect({ documents: count('documents'), passages: count('passages'), added: count('added_documents') }).toEqual(before);
    expect(readdirSync(join(dir, 'documents')).filter((f) => f.startsWith('.partial'))).toEqual([]);
  });

  it('puts the newer document first when two documents of different dates answer, with both dates', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    await jalon.documents.add({ name: 'bilan-2019.txt', bytes: text('Bilan des hélistations hospitalières.\n\nLe nombre d’hélistations hospitalières en service est de 38 sur le territoire.'), date: '2019-05', addedBy: 'U1' });
    await jalon.documents.add({ name: 'bilan-2021.txt', bytes: text('Bilan actualisé des hélistations hospitalières.\n\nLe nombre d’hélistations hospitalières en service est de 52 sur le territoire.'), date: '2021-06', addedBy: 'U1' });
    const answer = await ask('Combien d’hélistations hospitalières en service sur le territoire ?');
    expect(answer.citations.slice(0, 2).map((c) => [c.source, c.date])).toEqual([
      ['bilan-2021.txt', '2021-06'],
      ['bilan-2019.txt', '2019-05'],
    ]);
    expect(answer.text.indexOf('52')).toBeLessThan(answer.text.indexOf('38'));
    const shown = renderAnswerText(answer);
    expect(shown).toContain('juin 2021');
    expect(shown).toContain('mai 2019');
  });

  it('corrects a title (passages renamed) and removes a document with its passages and copy', async () => {
    const updated = jalon.documents.update('D2', { title: 'Téléradiologie : bilan de septembre', date: '2022-10' });
    expect(updated).toMatchObject({ title: 'Téléradiologie : bilan de septembre', date: '2022-10' });
    const [hit] = searchPassages(jalon.corpus, 'douze départements téléradiologie', 1);
    expect(hit!.section.startsWith('Téléradiologie : bilan de septembre › ')).toBe(true);

    const removed = jalon.documents.remove('bilan-csnp.pdf');
    expect(removed.id).toBe('D1');
    expect(existsSync(join(dir, 'documents', 'D1-bilan-csnp.pdf'))).toBe(false);
    expect(passagesOf('bilan-csnp.pdf')).toEqual([]);
    expect(searchPassages(jalon.corpus, 'forfait de démarrage 40 000 euros', 3).every((r) => r.source !== 'bilan-csnp.pdf')).toBe(true);
    const refusalOf = (ref: string) => {
      try {
        jalon.documents.remove(ref);
      } catch (error) {
        return (error as DocumentError).userMessage;
      }
      return 'removed';
    };
    expect(refusalOf('D1')).toMatch(/^D1 : aucun document ajouté/);
    expect(refusalOf('003')).toMatch(/^003 : document livré avec Jalon/);
  });

  it('lists shipped and added documents with the JSON contract', () => {
    const all = jalon.documents.list();
    expect(all.filter((d) => d.origin === 'shipped')).toHaveLength(5);
    const deck = all.find((d) => d.file === 'teleradiologie.pptx')!;
    expect(Object.keys(deck)).toEqual(expect.arrayContaining(['id', 'file', 'title', 'date', 'kind', 'pages', 'passages', 'url']));
    expect(deck).toMatchObject({ id: 'D2', kind: 'presentation', pages: 3, url: null });
    expect(all.find((d) => d.id === '002')).toMatchObject({ date: '2020-12', kind: 'progress-deck', pages: null });
  });
});

describe('added documents across restarts', () => {
  it('survive a restart: the seeds index leaves them alone, and an old indexer’s passages are rebuilt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalon-docs-'));
    const env = { JALON_DB: join(dir, 'jalon.db') };
    let jalon = openTestJalon(env);
    await jalon.documents.add({ name: 'ehpad.md', bytes: new TextEncoder().encode('# Ehpad\n\nLes Ehpad de la région comptent neuf cents places d’hébergement temporaire.'), addedBy: 'U1' });
    expect(existsSync(join(dir, 'documents', 'D1-ehpad.md'))).toBe(true);
    // As if an older indexer had built its passages.
    jalon.db.prepare("UPDATE documents SET hash = 'old' WHERE file = 'ehpad.md'").run();
    jalon.close();
    writeFileSync(join(dir, 'unrelated'), '');
    jalon = openTestJalon(env);
    try {
      expect(jalon.indexReport.removed).toEqual([]);
      // After an extractor change, `jalon documents reindex` reads the kept copy again.
      expect(await jalon.documents.reextract()).toEqual({ reread: ['ehpad.md'], failed: [] });
      expect(jalon.db.prepare("SELECT hash FROM documents WHERE file = 'ehpad.md'").get()).not.toEqual({ hash: 'old' });
      const answer = await askQuestion(jalon.answerDeps, 'Combien de places d’hébergement temporaire dans les Ehpad de la région ?');
      expect(answer.citations[0]).toMatchObject({ source: 'ehpad.md', title: 'Ehpad', page: null });
    } finally {
      jalon.close();
    }
  });
});
