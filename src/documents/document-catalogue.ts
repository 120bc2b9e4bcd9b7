import type { AddedDocumentRow } from '../db/document-store.js';
import type { Source } from '../knowledge/load-sources.js';
import type { DocumentFormat } from './extracted-document.js';
import { pageOfLine } from './extracted-document.js';

/** What citations and listings say about a document, shipped or added. */
export interface DocumentInfo {
  /** The indexed file name: `citations[].source`. */
  file: string;
  /** "000" for the shipped ones (sources.yml), "D<n>" for added ones. */
  id: string;
  title: string;
  /** The name citations show ("Ségur — avancement"). */
  short: string;
  /** "YYYY-MM" or "YYYY"; null when unknown. */
  date: string | null;
  publisher: string | null;
  kind: string | null;
  url: string | null;
  format: DocumentFormat;
  origin: 'shipped' | 'added';
  pageCount: number | null;
  /** First line of each page; null when the document has no pages. */
  pageStarts: number[] | null;
}

/** Document facts by file: dates, pages and links for citations. Refreshed when documents change. */
export interface DocumentCatalogue {
  get(file: string): DocumentInfo | undefined;
  all(): DocumentInfo[];
  /** The page a line is printed on; null when the document has no pages (or is unknown). */
  pageOf(file: string, line: number): number | null;
  /** Where a reader opens the document: its URL, at the page for a PDF (`#page=12`); null without URL. */
  linkOf(file: string, page: number | null): string | null;
}

/** The short name citations show: the title, cut at a word before 80 characters. */
export function shortTitle(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  if (flat.length <= 80) return flat;
  return `${flat.slice(0, 79).replace(/\s+\S*$/, '')}…`;
}

export function shippedInfo(source: Source): DocumentInfo {
  return {
    file: source.file,
    id: source.id,
    title: source.title,
    short: source.short,
    date: source.date,
    publisher: source.publisher,
    kind: source.kind,
    url: source.url ?? null,
    format: source.file.endsWith('.md') ? 'md' : 'txt',
    origin: 'shipped',
    pageCount: null,
    pageStarts: null,
  };
}

export function addedInfo(row: AddedDocumentRow): DocumentInfo {
  return {
    file: row.file,
    id: `D${row.seq}`,
    title: row.title,
    short: shortTitle(row.title),
    date: row.date,
    publisher: row.publisher,
    kind: row.kind,
    url: row.url,
    format: row.format,
    origin: 'added',
    pageCount: row.pageCount,
    pageStarts: row.pageStarts,
  };
}

/** A catalogue over `load()`, read again on `reload()` (after an add, a change or a removal). */
export function createDocumentCatalogue(load: () => DocumentInfo[]): DocumentCatalogue & { reload(): void } {
  let byFile = new Map<string, DocumentInfo>();
  const reload = () => {
    byFile = new Map(load().map((d) => [d.file, d]));
  };
  reload();
  return {
    reload,
    get: (file) => byFile.get(file),
    all: () => [...byFile.values()],
    pageOf(file, line) {
      const starts = byFile.get(file)?.pageStarts;
      return starts ? pageOfLine(starts, line) : null;
    },
    linkOf(file, page) {
      const doc = byFile.get(file);
      if (!doc?.url) return null;
      return doc.format === 'pdf' && page !== null ? `${doc.url.replace(/#.*$/, '')}#page=${page}` : doc.url;
    },
  };
}
