import { DocumentError } from './document-error.js';
import type { ExtractedDocument } from './extracted-document.js';
import { findPrintedDate } from './find-printed-date.js';
import { attrOf, childrenOf, coreTitle, openOfficeZip, parseXml, tagOf, textOf, type XmlNode } from './read-ooxml.js';

type Mammoth = typeof import('mammoth');
let mammoth: Promise<Mammoth> | undefined;
const loadMammoth = () => (mammoth ??= import('mammoth').then((m) => (m as unknown as { default?: Mammoth }).default ?? m));

/** Word's Title and Subtitle styles name the document; they are not sections of it. */
const STYLE_MAP = ["p[style-name='Title'] => p.jalon-title:fresh", "p[style-name='Subtitle'] => p.jalon-subtitle:fresh"];

const inline = (nodes: readonly XmlNode[]) => textOf(nodes).replace(/\s+/g, ' ').trim();

/** mammoth's HTML → lines: headings as markdown, a blank line between blocks, list items as bullets, table rows as cells. */
function toLines(nodes: readonly XmlNode[], out: { lines: string[]; title?: string }): void {
  const block = (line: string) => {
    if (!line) return;
    if (out.lines.length > 0 && out.lines.at(-1) !== '') out.lines.push('');
    out.lines.push(line);
  };
  for (const node of nodes) {
    const tag = tagOf(node);
    const children = childrenOf(node);
    switch (tag) {
      case 'h1':
        block(`# ${inline(children)}`);
        break;
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        block(`## ${inline(children)}`);
        break;
      case 'p': {
        const text = inline(children);
        if (attrOf(node, 'class') === 'jalon-title' && text && out.title === undefined) out.title = text;
        block(text);
        break;
      }
      case 'ul':
      case 'ol':
        for (const li of children.filter((c) => tagOf(c) === 'li')) {
          const own = childrenOf(li).filter((c) => tagOf(c) !== 'ul' && tagOf(c) !== 'ol');
          const text = inline(own);
          if (text) out.lines.push(`• ${text}`);
          toLines(childrenOf(li).filter((c) => tagOf(c) === 'ul' || tagOf(c) === 'ol'), out);
        }
        out.lines.push('');
        break;
      case 'table':
        for (const row of collect(children, 'tr')) {
          const cells = childrenOf(row).filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th').map((c) => inline(childrenOf(c)));
          if (cells.some(Boolean)) out.lines.push(cells.join(' | '));
        }
        out.lines.push('');
        break;
      case '#text':
        break;
      default:
        toLines(children, out);
    }
  }
}

/** Rows of a table, also inside thead/tbody. */
function collect(nodes: readonly XmlNode[], tag: string): XmlNode[] {
  return nodes.flatMap((n) => (tagOf(n) === tag ? [n] : collect(childrenOf(n), tag)));
}

/**
 * A Word document's text (mammoth): Heading 1 → `# `, Heading 2–6 → `## ` (sections), paragraphs
 * separated by blank lines, bullets, table rows with their cells. DOCX has no fixed pages: `pages`
 * is null. Title: the core properties', else the Title-styled paragraph; date: the first printed
 * near the start.
 */
export async function extractDocx(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  const zip = await openOfficeZip(bytes, file, 'Document Word');
  if ((await zip.read('word/document.xml')) === null) {
    throw new DocumentError('corrupt', file, 'no word/document.xml', 'Document Word illisible ou endommagé.');
  }
  const m = await loadMammoth();
  let html: string;
  try {
    const result = await m.convertToHtml(
      { buffer: Buffer.from(bytes) },
      { styleMap: STYLE_MAP, externalFileAccess: false, convertImage: m.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (error) {
    throw new DocumentError('corrupt', file, `mammoth failed (${(error as Error).message})`, 'Document Word illisible ou endommagé.');
  }
  const out: { lines: string[]; title?: string } = { lines: [] };
  toLines(parseXml(`<body>${html}</body>`), out);
  while (out.lines.at(-1) === '') out.lines.pop();
  if (out.lines.join('').replace(/[\s•|#]/g, '').length < 10) {
    throw new DocumentError('no_text', file, 'no text', 'aucun texte dans ce document Word.');
  }
  const title = (await coreTitle(zip)) ?? out.title;
  const date = findPrintedDate(out.lines.filter(Boolean).slice(0, 15));
  return { lines: out.lines, pages: null, pageCount: null, ...(title ? { title } : {}), ...(date ? { date } : {}) };
}
