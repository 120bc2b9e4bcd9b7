import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DocumentError } from './document-error.js';
import { joinHyphenation, type ExtractedDocument } from './extracted-document.js';
import { findPrintedDate } from './find-printed-date.js';

/** One line of a page as laid out: its text, baseline and largest font size. */
interface LaidLine {
  text: string;
  y: number;
  size: number;
  page: number;
  /** A larger vertical gap (or a jump up, a new column) came before it. */
  paragraph: boolean;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
/** pdf.js loads on the first PDF (≈ 0.1 s), not at start-up. */
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * Where pdf.js finds the predefined CMaps (local files), read only for CJK-encoded fonts. The
 * standard fonts' programs are not given: their widths are built into pdf.js, and parsing the
 * programs costs about a second per process for no change in the text.
 */
function assetDirs(): { cMapUrl: string; cMapPacked: boolean } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', cMapPacked: true };
}

const PAGE_NUMBER = /^(?:page\s*)?\d{1,4}(?:\s*(?:\/|sur|of)\s*\d{1,4})?$/i;
const letters = (s: string) => (s.match(/\p{L}/gu) ?? []).length;

/** Items of one page → lines: a new line at each end-of-line mark or change of baseline. */
function layOut(items: readonly TextItem[], page: number): LaidLine[] {
  const lines: LaidLine[] = [];
  let current: { text: string; y: number; size: number; xEnd: number } | null = null;
  let lastY: number | null = null;
  let lastSize = 0;
  let breakAfter = false;
  const close = () => {
    if (!current) return;
    // Tabs mark wide gaps (table cells, a footer and its page number) until page furniture is found.
    const text = current.text.replace(/ {2,}/g, ' ').replace(/ *\t[\t ]*/g, '\t').trim();
    if (text) {
      // A gap of more than about one and a half lines, or a jump back up the page, ends a paragraph.
      const gap = lastY === null ? 0 : lastY - current.y;
      const paragraph = lastY !== null && (gap > 1.7 * Math.max(current.size, lastSize) || gap < -current.size);
      lines.push({ text, y: current.y, size: current.size, page, paragraph });
      lastY = current.y;
      lastSize = current.size;
    }
    current = null;
  };
  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
    const blank = item.str.trim() === '';
    if (current && (breakAfter || (!blank && Math.abs(y - current.y) > 0.5 * Math.max(size, current.size)))) close();
    breakAfter = item.hasEOL;
    if (item.str === '') continue;
    if (!current) {
      if (blank) continue;
      current = { text: '', y, size: 0, xEnd: x };
    }
    // pdf.js gives a separate item per run: a visible gap between runs is a space, a wide one a tab.
    const gap = x - current.xEnd;
    let separator = '';
    if (current.text && gap > 3 * size) separator = '\t';
    else if (current.text && gap > 0.15 * size && !/\s$/.test(current.text) && !/^\s/.test(item.str)) separator = ' ';
    current.text += separator + (blank ? (item.width > 3 * size ? '\t' : ' ') : item.str);
    current.xEnd = x + item.width;
    if (!blank) current.size = Math.max(current.size, size);
  }
  close();
  return lines;
}

/**
 * A page number at the top or bottom of a page is furniture, never content: alone on its line, or
 * set apart from a running header or footer ("Rapport 2020 … 12").
 */
function dropPageNumbers(lines: LaidLine[]): void {
  for (const at of [0, lines.length - 1]) {
    const line = lines[at];
    if (!line) continue;
    const cells = line.text.split('\t');
    while (cells.length && PAGE_NUMBER.test(cells.at(-1)!.trim())) cells.pop();
    while (cells.length && PAGE_NUMBER.test(cells[0]!.trim())) cells.shift();
    line.text = cells.join('\t');
  }
}

/** The font size most of the text is set in. */
function bodySize(lines: readonly LaidLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const key = Math.round(l.size * 2) / 2;
    weight.set(key, (weight.get(key) ?? 0) + l.text.length);
  }
  return [...weight].sort((p, q) => q[1] - p[1])[0]?.[0] ?? 0;
}

/** Bigger text is a heading: a page's first line → `# ` (a slide or part title), others → `## `. */
function headingMark(line: LaidLine, body: number, firstOfPage: boolean): string {
  const words = line.text.split(/\s+/).length;
  if (body === 0 || letters(line.text) < 3 || words > 14 || /[.,;]$/.test(line.text)) return '';
  if (firstOfPage && line.size >= 1.5 * body) return '# ';
  return line.size >= 1.25 * body ? '## ' : '';
}

/** A title in the metadata is often a file name or a tool's placeholder: only a real title is kept. */
function metadataTitle(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const title = value.replace(/^Microsoft (Word|PowerPoint) - /, '').replace(/\s+/g, ' ').trim();
  if (letters(title) < 4 || /\.(docx?|pptx?|pdf|odt|indd)$/i.test(title) || /^(untitled|sans titre|document\d*|présentation\d*)$/i.test(title)) {
    return undefined;
  }
  return title;
}

/** The largest text of the first page (one or two consecutive lines): a title page's title. */
function titleFromFirstPage(lines: readonly LaidLine[], body: number): string | undefined {
  const first = lines.filter((l) => l.page === lines[0]?.page);
  const top = Math.max(0, ...first.filter((l) => letters(l.text) >= 3).map((l) => l.size));
  if (top < 1.25 * body) return undefined;
  const at = first.findIndex((l) => l.size === top && letters(l.text) >= 3);
  const parts = [first[at]!.text];
  if (first[at + 1]?.size === top && !first[at + 1]!.paragraph) parts.push(first[at + 1]!.text);
  const title = parts.join(' ');
  return title.split(/\s+/).length <= 20 ? title : undefined;
}

/**
 * A PDF's text, page by page, in the order pdf.js reads it (its content order, which is reading
 * order for documents exported by office tools): lines rebuilt from text runs, paragraphs from
 * vertical gaps, headings from font sizes, page numbers dropped, hyphenation joined. `file` names
 * the file in error messages.
 */
export async function extractPdf(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of the buffer it is given: it gets a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, ...assetDirs() });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      if ((error as Error)?.name === 'PasswordException') {
        throw new DocumentError('encrypted', file, 'PDF is password-protected', 'PDF protégé par un mot de passe : enregistrez-en une copie sans protection, puis ajoutez-la.');
      }
      throw new DocumentError('corrupt', file, `unreadable PDF (${(error as Error)?.name ?? 'error'})`, 'PDF illisible ou endommagé.');
    });
    const laid: LaidLine[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const item of content.items) if ('str' in item) items.push(item);
      const lines = layOut(items, n);
      dropPageNumbers(lines);
      for (const line of lines) if (line.text) laid.push({ ...line, text: line.text.replace(/\t/g, ' ') });
      page.cleanup();
    }
    if (laid.reduce((n, l) => n + letters(l.text), 0) < 20) {
      throw new DocumentError('no_text', file, 'no text layer (scanned?)', 'aucun texte : document numérisé ? Passez-le d’abord dans un logiciel de reconnaissance de caractères (OCR).');
    }
    const body = bodySize(laid);
    const lines: string[] = [];
    const pages: number[] = [];
    laid.forEach((line, i) => {
      const firstOfPage = i === 0 || laid[i - 1]!.page !== line.page;
      // A new page continues the sentence the last one left open; otherwise it starts a paragraph.
      const breaks = line.paragraph || (firstOfPage && /[.!?:;»)]$/u.test(lines.at(-1) ?? ''));
      if (breaks && lines.length > 0) {
        lines.push('');
        pages.push(line.page);
      }
      lines.push(headingMark(line, body, firstOfPage) + line.text);
      pages.push(line.page);
    });
    const info = ((await pdf.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>;
    const title = metadataTitle(info.Title) ?? titleFromFirstPage(laid, body);
    // The title page's title names the document, it is not a section of it.
    const at = lines.findIndex((l) => l === `# ${title}`);
    if (at >= 0 && pages[at] === 1) lines[at] = title!;
    const joined = joinHyphenation(lines, pages);
    const date = findPrintedDate(laid.filter((l) => l.page === laid[0]!.page).map((l) => l.text));
    return {
      lines: joined.lines,
      pages: joined.pages,
      pageCount: pdf.numPages,
      ...(title ? { title } : {}),
      ...(date ? { date } : {}),
    };
  } finally {
    await task.destroy();
  }
}
