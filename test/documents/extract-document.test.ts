import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/documents/document-error.js';
import { detectFormat, extractDocument } from '../../src/documents/extract-document.js';
import { joinHyphenation, pageOfLine, pageStartsOf } from '../../src/documents/extracted-document.js';
import { findPrintedDate } from '../../src/documents/find-printed-date.js';
import { buildDocx, buildEncryptedPdf, buildPdf, buildPptx, buildScannedPdf } from '../helpers/document-fixtures.js';

/** The DocumentError a promise rejects with (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<DocumentError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentError);
  return error as DocumentError;
}

const pageOf = (doc: { lines: string[]; pages: number[] | null }, needle: string) => {
  const i = doc.lines.findIndex((l) => l.includes(needle));
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return doc.pages?.[i] ?? null;
};

describe('PDF', () => {
  it('reads each page in order, with its page, headings, joined hyphenation and no page numbers', async () => {
    const bytes = await buildPdf(
      [
        { title: 'Bilan des équipes mobiles', lines: ['Octobre 2021', '', 'Les équipes mobiles de gériatrie interviennent en établisse-', 'ment et à domicile.'] },
        { title: 'Moyens', lines: ['Chaque équipe compte trois infirmiers et un gériatre.', 'Un second alinéa', 'continue sur deux lignes.'] },
        { lines: ['Annexe sans titre : liste des sites.'] },
      ],
      { title: 'Rapport sur les équipes mobiles' },
    );
    const doc = await extractDocument('bilan.pdf', bytes);
    expect(doc.pageCount).toBe(3);
    expect(doc.title).toBe('Rapport sur les équipes mobiles');
    expect(doc.date).toBe('2021-10');
    expect(doc.lines).toContain('# Bilan des équipes mobiles');
    expect(doc.lines).toContain('# Moyens');
    expect(doc.lines).toContain('Les équipes mobiles de gériatrie interviennent en établissement');
    expect(pageOf(doc, 'trois infirmiers')).toBe(2);
    expect(pageOf(doc, 'Annexe sans titre')).toBe(3);
    expect(pageOf(doc, 'interviennent')).toBe(1);
    // The footer stays (the passage builder drops repeated furniture); its page number does not.
    expect(doc.lines.filter((l) => l === 'Document de travail — diffusion restreinte')).toHaveLength(3);
    expect(doc.lines.some((l) => /^\d+$/.test(l) || /restreinte\s+\d/.test(l))).toBe(false);
    expect(doc.pages).toHaveLength(doc.lines.length);
  });

  it('takes the title from the first page when the metadata has none', async () => {
    const doc = await extractDocument('x.pdf', await buildPdf([{ title: 'Feuille de route du numérique', lines: ['Le texte courant de la page.'] }]));
    expect(doc.title).toBe('Feuille de route du numérique');
    expect(doc.date).toBeUndefined();
  });

  it('refuses an encrypted, a scanned and a corrupt PDF, naming the file', async () => {
    const encrypted = await refusal(extractDocument('secret.pdf', await buildEncryptedPdf()));
    expect(encrypted.problem).toBe('encrypted');
    expect(encrypted.userMessage).toMatch(/^secret\.pdf : PDF protégé par un mot de passe/);
    const scanned = await refusal(extractDocument('scan.pdf', await buildScannedPdf()));
    expect(scanned).toMatchObject({ problem: 'no_text', file: 'scan.pdf' });
    expect(scanned.userMessage).toMatch(/^scan\.pdf : aucun texte : document numérisé \?/);
    const whole = await buildPdf([{ lines: ['Un texte.'] }]);
    const corrupt = await refusal(extractDocument('abime.pdf', whole.slice(0, 300)));
    expect(corrupt.problem).toBe('corrupt');
    expect(corrupt.userMessage).toMatch(/^abime\.pdf : /);
  });
});

describe('DOCX', () => {
  it('turns headings into sections, keeps paragraphs, bullets and table rows; no pages', async () => {
    const bytes = await buildDocx([
      { title: 'Note sur les maisons de santé' },
      { paragraph: 'Lyon, le 2 février 2022' },
      { heading: 'Contexte', level: 1 },
      { paragraph: 'Les maisons de santé pluriprofessionnelles se développent.' },
      { heading: 'Financement', level: 2 },
      { bullet: 'Forfait de structure' },
      { bullet: 'Aide au démarrage' },
      { table: [['Région', 'Nombre'], ['Bretagne', '120']] },
    ]);
    const doc = await extractDocument('note.docx', bytes);
    expect(doc).toMatchObject({ pages: null, pageCount: null, title: 'Note sur les maisons de santé', date: '2022-02' });
    expect(doc.lines).toEqual([
      'Note sur les maisons de santé',
      '',
      'Lyon, le 2 février 2022',
      '',
      '# Contexte',
      '',
      'Les maisons de santé pluriprofessionnelles se développent.',
      '',
      '## Financement',
      '• Forfait de structure',
      '• Aide au démarrage',
      '',
      'Région | Nombre',
      'Bretagne | 120',
    ]);
  });

  it('prefers the title of the document properties', async () => {
    const doc = await extractDocument('n.docx', await buildDocx([{ paragraph: 'Un paragraphe assez long pour compter.' }], { title: 'Compte rendu du comité' }));
    expect(doc.title).toBe('Compte rendu du comité');
  });

  it('refuses a file that is not a Word package', async () => {
    const bad = await refusal(extractDocument('faux.docx', new TextEncoder().encode('PK\u0003\u0004 pas vraiment un zip')));
    expect(bad.problem).toBe('corrupt');
  });
});

describe('PPTX', () => {
  it('makes each slide a page headed by its title, read top to bottom', async () => {
    const bytes = await buildPptx(
      [
        { title: 'Comité de pilotage — mars 2023', body: ['Ordre du jour'] },
        { title: 'Indicateurs', body: ['Délai moyen de rendez-vous', 'Taux de recours'], table: [['Indicateur', 'Valeur'], ['Délai', '12 jours']] },
        { title: 'Prochaines étapes', titleAsTextBox: true, body: ['Lancer la phase deux'] },
        { body: ['Une diapositive sans titre, avec un texte bien plus long que ce que serait un titre.'] },
      ],
      { title: 'Comité de pilotage' },
    );
    const doc = await extractDocument('copil.pptx', bytes);
    expect(doc).toMatchObject({ pageCount: 4, title: 'Comité de pilotage', date: '2023-03' });
    const headings = doc.lines.filter((l) => l.startsWith('# '));
    expect(headings).toEqual(['# Comité de pilotage — mars 2023', '# Indicateurs', '# Prochaines étapes', '# Diapositive 4']);
    expect(pageOf(doc, 'Taux de recours')).toBe(2);
    expect(pageOf(doc, 'Délai | 12 jours')).toBe(2);
    expect(pageOf(doc, 'phase deux')).toBe(3);
    // The fixture writes shapes bottom-up: reading order comes from their positions.
    expect(doc.lines.indexOf('Taux de recours')).toBeLessThan(doc.lines.indexOf('Délai | 12 jours'));
  });
});

describe('damaged Office files', () => {
  it('refuses a deck whose slide XML is broken, by name', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(await buildPptx([{ title: 'Un titre', body: ['Un texte assez long pour compter.'] }]));
    zip.file('ppt/slides/slide1.xml', '<p:sld><p:cSld><p:spTree><p:sp></p:cSld>');
    const broken = await refusal(extractDocument('casse.pptx', await zip.generateAsync({ type: 'uint8array' })));
    expect(broken).toMatchObject({ problem: 'corrupt', userMessage: 'casse.pptx : fichier illisible ou endommagé.' });
  });
});

describe('text files and formats', () => {
  it('reads form feeds as page breaks and Windows-1252 text', async () => {
    const doc = await extractDocument('notes.txt', Uint8Array.from([...Buffer.from('Premi\xe8re page du texte.\n\fSeconde page du texte.', 'latin1')]));
    expect(doc.lines).toEqual(['Première page du texte.', '', 'Seconde page du texte.']);
    expect(doc.pages).toEqual([1, 1, 2]);
  });

  it('checks the extension against the content', () => {
    const refuse = (name: string, bytes: Uint8Array) => {
      try {
        detectFormat(name, bytes);
      } catch (error) {
        return error as DocumentError;
      }
      throw new Error(`${name} accepted`);
    };
    expect(refuse('ancien.doc', new Uint8Array(8)).userMessage).toMatch(/^ancien\.doc : format non pris en charge \(Word 97-2003/);
    expect(refuse('photo.jpg', new Uint8Array(8)).problem).toBe('unsupported');
    expect(refuse('faux.pdf', new TextEncoder().encode('bonjour')).problem).toBe('corrupt');
    expect(refuse('protege.docx', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0])).problem).toBe('encrypted');
    expect(detectFormat('Rapport.PDF', new TextEncoder().encode('%PDF-1.7'))).toBe('pdf');
  });
});

describe('pages and dates', () => {
  it('maps lines to pages, empty pages included', () => {
    const starts = pageStartsOf([1, 1, 3, 3, 4], 4);
    expect(starts).toEqual([1, 3, 3, 5]);
    expect([1, 2, 3, 4, 5].map((l) => pageOfLine(starts, l))).toEqual([1, 1, 3, 3, 4]);
  });

  it('joins a word cut at a line end, not a compound name', () => {
    expect(joinHyphenation(['la mé-', 'decine de ville', 'Varroud-', 'Vial a dit'], [1, 2, 2, 3])).toEqual({
      lines: ['la médecine', 'de ville', 'Varroud-', 'Vial a dit'],
      pages: [1, 2, 2, 3],
    });
    expect(joinHyphenation(['une coupe-', 'ment'], [1, 2])).toEqual({ lines: ['une coupement'], pages: [1] });
  });

  it.each([
    [['| SEPTEMBRE 2019'], '2019-09'],
    [['Paris, le 9 déc. 2020'], '2020-12'],
    [['Version of March 2021'], '2021-03'],
    [['Plan 2022', 'Fin mai 2018 : lancement'], '2018-05'],
    [['Rien de daté ici'], null],
  ])('finds the printed date in %j', (lines, date) => {
    expect(findPrintedDate(lines)).toBe(date);
  });
});
