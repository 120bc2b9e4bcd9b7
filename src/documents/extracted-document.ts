/** The formats `jalon documents add` reads. */
export const DOCUMENT_FORMATS = ['pdf', 'docx', 'pptx', 'txt', 'md'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/**
 * A document as text lines, whatever its format: the passage builder and the quote checks work on
 * lines. Headings are written as markdown (`# ` slide or part titles, `## ` sub-headings), which
 * the corpus recognises; `pages[i]` is the page of `lines[i]` (null for formats without pages).
 */
export interface ExtractedDocument {
  lines: string[];
  /** 1-based page of each line, or null (DOCX, plain text). */
  pages: number[] | null;
  /** Pages (PDF) or slides (PPTX); null without pages. */
  pageCount: number | null;
  /** Found in the document itself (metadata or title page), when it says. */
  title?: string;
  /** "YYYY-MM" (or "YYYY"), found in the document itself, when it says. */
  date?: string;
}

/**
 * The first line of each page (1-based), from a per-line page map: what the store keeps to give a
 * citation its page. A page without text starts where the next one does.
 */
export function pageStartsOf(pages: readonly number[], pageCount: number): number[] {
  const starts: number[] = new Array<number>(pageCount).fill(pages.length + 1);
  for (let i = pages.length - 1; i >= 0; i--) starts[pages[i]! - 1] = i + 1;
  for (let p = pageCount - 2; p >= 0; p--) starts[p] = Math.min(starts[p]!, starts[p + 1]!);
  return starts;
}

/** The page a (1-based) line is printed on, from the first line of each page. */
export function pageOfLine(pageStarts: readonly number[], line: number): number | null {
  if (pageStarts.length === 0 || line < 1) return null;
  let lo = 0;
  let hi = pageStarts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pageStarts[mid]! <= line) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found < 0 ? 1 : found + 1;
}

/**
 * Joins words hyphenated across a line break ("mé-" / "decine" → "médecine" on the first line),
 * keeping compound hyphens before a capital ("Varroud-" / "Vial"). The fragment moves to the line
 * where the word starts (and its page); a line left empty is dropped with its page.
 */
export function joinHyphenation(lines: readonly string[], pages: readonly number[] | null): { lines: string[]; pages: number[] | null } {
  const outLines: string[] = [];
  const outPages: number[] = [];
  let carry: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (carry !== null) {
      const [, head = '', rest = ''] = /^(\S+)\s*(.*)$/u.exec(line) ?? [];
      outLines[outLines.length - 1] = carry + head;
      carry = null;
      if (!rest) continue;
      line = rest;
    }
    const next = lines[i + 1];
    if (next !== undefined && /\p{Ll}-$/u.test(line) && /^\p{Ll}/u.test(next)) carry = line.slice(0, -1);
    outLines.push(line);
    outPages.push(pages?.[i] ?? 0);
  }
  return { lines: outLines, pages: pages ? outPages : null };
}
