import { DocumentError } from './document-error.js';
import type { ExtractedDocument } from './extracted-document.js';
import { findPrintedDate } from './find-printed-date.js';

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what older French text files use). */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * A `.txt` or `.md` file, as the shipped corpus is read: one line per line. A form feed (as
 * `pdftotext` writes between pages) starts a new page; without one the text has no pages. A
 * markdown file's first `# ` heading is its title.
 */
export function extractText(bytes: Uint8Array, file: string, format: 'txt' | 'md'): ExtractedDocument {
  const text = decode(bytes).replace(/\r\n?/g, '\n');
  if (text.includes('\u0000')) throw new DocumentError('unsupported', file, 'binary content', 'contenu binaire : ce n’est pas un fichier texte.');
  const paged = text.includes('\f');
  const lines: string[] = [];
  const pages: number[] = [];
  let page = 1;
  for (const raw of text.split('\n')) {
    const parts = raw.split('\f');
    parts.forEach((part, i) => {
      if (i > 0) page++;
      if (i === 0 || part !== '') {
        lines.push(part);
        pages.push(page);
      }
    });
  }
  if (text.replace(/[^\p{L}]/gu, '').length < 10) throw new DocumentError('no_text', file, 'no text', 'fichier vide ou sans texte.');
  const heading = format === 'md' ? lines.find((l) => /^#\s+\S/.test(l))?.replace(/^#\s+/, '').trim() : undefined;
  const date = findPrintedDate(lines.filter((l) => l.trim()).slice(0, 15));
  return {
    lines,
    pages: paged ? pages : null,
    pageCount: paged ? page : null,
    ...(heading ? { title: heading } : {}),
    ...(date ? { date } : {}),
  };
}
