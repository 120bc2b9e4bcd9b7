/**
 * Builds the document files tests read — PDF (pdf-lib), Word (docx), PowerPoint (pptxgenjs) — in
 * memory, from text the tests choose. Nothing is downloaded or checked in.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, PDFName, PDFString, StandardFonts, rgb } from 'pdf-lib';
import pptxModule from 'pptxgenjs';

// pptxgenjs's types describe its CommonJS build; under ESM its default export is the class itself.
type PptxGenJSClass = typeof pptxModule.default;
const PptxGenJS: PptxGenJSClass = (pptxModule as unknown as { default?: PptxGenJSClass }).default ?? (pptxModule as unknown as PptxGenJSClass);

/** One page of a PDF: a title in a large font (optional), then body lines. */
export interface PdfPage {
  title?: string;
  lines: string[];
}

const A4: [number, number] = [595, 842];

/** A text PDF, one entry per page; `title` goes in the metadata when given. */
export async function buildPdf(pages: readonly PdfPage[], options: { title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (options.title) doc.setTitle(options.title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  pages.forEach((content, i) => {
    const page = doc.addPage(A4);
    let y = 780;
    if (content.title) {
      page.drawText(content.title, { x: 56, y, size: 22, font: bold });
      y -= 44;
    }
    for (const line of content.lines) {
      if (line === '') {
        y -= 12;
        continue;
      }
      page.drawText(line, { x: 56, y, size: 11, font });
      y -= 15;
    }
    // Page furniture: a running footer and the page number.
    page.drawText('Document de travail — diffusion restreinte', { x: 56, y: 40, size: 8, font });
    page.drawText(String(i + 1), { x: 530, y: 40, size: 8, font });
  });
  return doc.save();
}

/** Pages with only drawings and no text layer: what a scanner produces (without OCR). */
export async function buildScannedPdf(pageCount = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pageCount; i++) {
    const page = doc.addPage(A4);
    for (let k = 0; k < 20; k++) page.drawRectangle({ x: 50, y: 750 - k * 30, width: 400 - k * 7, height: 8, color: rgb(0.2, 0.2, 0.2) });
  }
  return doc.save();
}

/**
 * A PDF whose trailer declares standard encryption with a user password: readers must ask for the
 * password (the keys are random, so no empty password opens it).
 */
export async function buildEncryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage(A4).drawText('Texte confidentiel.', { x: 56, y: 780, size: 11, font });
  const key = (seed: number) => PDFString.of(Array.from({ length: 32 }, (_, i) => String.fromCharCode(65 + ((seed + i * 7) % 26))).join(''));
  const encrypt = doc.context.obj({ Filter: PDFName.of('Standard'), V: 1, R: 2, Length: 40, P: -44, O: key(3), U: key(11) });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([PDFString.of('0123456789abcdef'), PDFString.of('0123456789abcdef')]);
  return doc.save({ useObjectStreams: false });
}

/** A Word document: a Title paragraph, then headings (level 1 or 2), paragraphs, bullets, a table. */
export type DocxPart =
  | { title: string }
  | { heading: string; level: 1 | 2 }
  | { paragraph: string }
  | { bullet: string }
  | { table: string[][] };

export async function buildDocx(parts: readonly DocxPart[], options: { title?: string } = {}): Promise<Uint8Array> {
  const children = parts.map((part) => {
    if ('title' in part) return new Paragraph({ text: part.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER });
    if ('heading' in part) return new Paragraph({ text: part.heading, heading: part.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });
    if ('bullet' in part) return new Paragraph({ text: part.bullet, bullet: { level: 0 } });
    if ('table' in part) {
      return new Table({
        rows: part.table.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) })),
      });
    }
    // Runs of different styles inside one paragraph, as people write them.
    const [first, ...rest] = part.paragraph.split(' ');
    return new Paragraph({ children: [new TextRun({ text: first ?? '', bold: true }), new TextRun(rest.length ? ` ${rest.join(' ')}` : '')] });
  });
  const doc = new Document({ ...(options.title ? { title: options.title } : {}), sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** One slide: a title (in the layout's title placeholder, or as a plain text box on top), body paragraphs, an optional table. */
export interface PptxSlide {
  title?: string;
  /** Put the title in a plain text box instead of the title placeholder. */
  titleAsTextBox?: boolean;
  body?: string[];
  table?: string[][];
}

export async function buildPptx(slides: readonly PptxSlide[], options: { title?: string } = {}): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  if (options.title) pptx.title = options.title;
  pptx.defineSlideMaster({
    title: 'TITLE_AND_BODY',
    objects: [{ placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 0.3, w: 9, h: 0.8 }, text: '' } }],
  });
  for (const s of slides) {
    const slide = pptx.addSlide({ masterName: 'TITLE_AND_BODY' });
    // Added bottom-up, so the reader cannot rely on the order shapes were written in.
    if (s.table) slide.addTable(s.table.map((row) => row.map((text) => ({ text }))), { x: 0.5, y: 3.6, w: 9 });
    if (s.body) slide.addText(s.body.map((text, i) => ({ text, options: { bullet: true, breakLine: i < s.body!.length - 1 } })), { x: 0.5, y: 1.4, w: 9, h: 2 });
    if (s.title && s.titleAsTextBox) slide.addText(s.title, { x: 0.5, y: 0.3, w: 9, h: 0.8, fontSize: 28 });
    else if (s.title) slide.addText(s.title, { placeholder: 'title' });
  }
  const out = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return new Uint8Array(out);
}
