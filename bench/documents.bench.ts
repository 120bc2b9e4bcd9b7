/**
 * Figures for added documents (never pass/fail): `npx tsx bench/documents.bench.ts`.
 * - a 100-page text PDF (the tracking table's text set on A4 pages, written with pdf-lib) added to
 *   a store: type check, hash, extraction, passages, stems, FTS5, one transaction; against a
 *   baseline in the same run: pdf.js text extraction alone (getTextContent on every page);
 * - the same text as a 100-slide PowerPoint and as a Word document, for scale.
 * The files are built before timing; each run adds to a fresh in-memory store.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/open-database.js';
import { replaceGlossary } from '../src/db/corpus-store.js';
import { createDocuments } from '../src/documents/create-documents.js';
import { extractDocument } from '../src/documents/extract-document.js';
import { loadGlossary } from '../src/knowledge/load-glossary.js';
import { buildDocx, buildPdf, buildPptx, type DocxPart, type PdfPage } from '../test/helpers/document-fixtures.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const glossary = loadGlossary(join(root, 'knowledge/glossary.yml'));
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const now = () => new Date('2021-03-01T09:00:00Z');

// Real reform prose, in the characters the standard PDF fonts can draw (WinAnsi).
const text = readFileSync(join(root, 'seeds/003_19914e041d70e400.txt'), 'utf8')
  .split('\n')
  .map((l) => l.replace(/[^\u0020-\u007e\u00a0-\u00ff’‘“”«»–—•…œŒ€]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 95));
const lines = text.filter(Boolean);
const PAGES = 100;
const perPage = Math.floor(lines.length / PAGES);
const pages: PdfPage[] = Array.from({ length: PAGES }, (_, p) => ({ title: `Partie ${p + 1}`, lines: lines.slice(p * perPage, (p + 1) * perPage).slice(0, 46) }));

const pdf = await buildPdf(pages, { title: 'Tableau de suivi (banc d’essai)' });
const pptx = await buildPptx(pages.map((p) => ({ title: p.title!, body: p.lines.slice(0, 12) })));
const docx = await buildDocx(pages.flatMap((p): DocxPart[] => [{ heading: p.title!, level: 1 }, ...p.lines.map((l) => ({ paragraph: l }))]));

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Baseline: what pdf.js alone costs to read every page's text items. */
async function pdfjsTextOnly(bytes: Uint8Array): Promise<number> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  let items = 0;
  for (let n = 1; n <= doc.numPages; n++) items += (await (await doc.getPage(n)).getTextContent()).items.length;
  await task.destroy();
  return items;
}

async function addToFreshStore(name: string, bytes: Uint8Array): Promise<{ passages: number }> {
  const db = openDatabase(':memory:');
  replaceGlossary(db, glossary);
  const doc = await createDocuments({ db, dir: undefined, maxBytes: 200 * 1024 * 1024, now, sources: [] }).add({ name, bytes, addedBy: 'bench' });
  db.close();
  return doc;
}

// One warm-up each: loading pdf.js, mammoth and their workers is a one-off per process (the whole
// `jalon documents add` process is timed apart, with /usr/bin/time: see the README).
await extractDocument('warm.pdf', pdf);
await pdfjsTextOnly(pdf);
await addToFreshStore('warm.pptx', pptx);
await addToFreshStore('warm.docx', docx);

const baseline: number[] = [];
const extract: number[] = [];
const add: number[] = [];
const addPptx: number[] = [];
const addDocx: number[] = [];
let passages = 0;
for (let i = 0; i < RUNS; i++) {
  baseline.push(await timed(() => pdfjsTextOnly(pdf)));
  extract.push(await timed(() => extractDocument('rapport.pdf', pdf)));
  add.push(await timed(async () => (passages = (await addToFreshStore('rapport.pdf', pdf)).passages)));
  addPptx.push(await timed(() => addToFreshStore('deck.pptx', pptx)));
  addDocx.push(await timed(() => addToFreshStore('note.docx', docx)));
}

const kb = (b: Uint8Array) => `${Math.round(b.length / 1024)} KB`;
const rows: [string, string, string][] = [
  [`add a ${PAGES}-page PDF (${kb(pdf)}, ${passages} passages), median of ${RUNS}`, ms(median(add)), `pdf.js text extraction alone: ${ms(median(baseline))}`],
  ['  of which: reading the PDF into lines with pages', ms(median(extract)), ''],
  [`add a ${PAGES}-slide PowerPoint (${kb(pptx)})`, ms(median(addPptx)), ''],
  [`add a Word document of the same text (${kb(docx)})`, ms(median(addDocx)), ''],
];
console.log('# added documents');
for (const [what, value, base] of rows) console.log(`${what.padEnd(66)} ${value.padStart(10)}   ${base}`);
