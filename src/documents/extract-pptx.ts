import { posix } from 'node:path';
import { DocumentError } from './document-error.js';
import type { ExtractedDocument } from './extracted-document.js';
import { findPrintedDate } from './find-printed-date.js';
import { attrOf, childrenOf, coreTitle, findAll, findFirst, openOfficeZip, parseXml, tagOf, textOf, type XmlNode } from './read-ooxml.js';

/** A text-bearing shape of a slide, where it sits, and its paragraphs. */
interface Shape {
  placeholder: string | undefined;
  x: number;
  y: number;
  /** Document order, to keep shapes without a position stable. */
  order: number;
  paragraphs: string[];
}

/** Placeholders that repeat on every slide (footer, slide number, date): furniture. */
const FURNITURE = new Set(['ftr', 'sldNum', 'dt']);

const paragraphText = (p: XmlNode) =>
  childrenOf(p)
    .map((c) => (tagOf(c) === 'a:br' ? ' ' : tagOf(c) === 'a:r' || tagOf(c) === 'a:fld' ? textOf(childrenOf(c)) : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

function position(node: XmlNode): { x: number; y: number } | null {
  const xfrm = findFirst(childrenOf(node), 'a:xfrm') ?? findFirst(childrenOf(node), 'p:xfrm');
  const off = xfrm ? findFirst(childrenOf(xfrm), 'a:off') : undefined;
  if (!off) return null;
  return { x: Number(attrOf(off, 'x') ?? 0), y: Number(attrOf(off, 'y') ?? 0) };
}

/** Shapes of a shape tree, groups flattened (children placed where their group is). */
function shapesOf(nodes: readonly XmlNode[], out: Shape[], at: { x: number; y: number } | null = null): Shape[] {
  for (const node of nodes) {
    const tag = tagOf(node);
    const children = childrenOf(node);
    if (tag === 'p:grpSp') {
      shapesOf(children, out, at ?? position(findFirst(children, 'p:grpSpPr') ?? node));
      continue;
    }
    if (tag !== 'p:sp' && tag !== 'p:graphicFrame') continue;
    const ph = findFirst(children, 'p:ph');
    const placeholder = ph ? (attrOf(ph, 'type') ?? 'body') : undefined;
    if (placeholder && FURNITURE.has(placeholder)) continue;
    let paragraphs: string[];
    if (tag === 'p:graphicFrame') {
      // A table: one line per row, cells separated as in a spreadsheet export.
      paragraphs = findAll(children, 'a:tr')
        .map((tr) => findAll(childrenOf(tr), 'a:tc').map((tc) => findAll(childrenOf(tc), 'a:p').map(paragraphText).filter(Boolean).join(' ')))
        .filter((cells) => cells.some(Boolean))
        .map((cells) => cells.join(' | '));
    } else {
      const body = findFirst(children, 'p:txBody');
      paragraphs = body ? findAll(childrenOf(body), 'a:p').map(paragraphText).filter(Boolean) : [];
    }
    if (paragraphs.length === 0) continue;
    // A placeholder without its own position inherits the layout's: it is read in document order, on top.
    const pos = at ?? position(node) ?? { x: 0, y: 0 };
    out.push({ placeholder, x: pos.x, y: pos.y, order: out.length, paragraphs });
  }
  return out;
}

/** Slide XML paths in presentation order (presentation.xml's list, resolved through its relationships). */
async function slidePaths(zip: Awaited<ReturnType<typeof openOfficeZip>>, file: string): Promise<string[]> {
  const presentation = await zip.read('ppt/presentation.xml');
  const rels = await zip.read('ppt/_rels/presentation.xml.rels');
  if (!presentation || !rels) throw new DocumentError('corrupt', file, 'no ppt/presentation.xml', 'Présentation PowerPoint illisible ou endommagée.');
  const targets = new Map(findAll(parseXml(rels), 'Relationship').map((r) => [attrOf(r, 'Id') ?? '', attrOf(r, 'Target') ?? '']));
  return findAll(parseXml(presentation), 'p:sldId')
    .map((s) => targets.get(attrOf(s, 'r:id') ?? ''))
    .filter((t): t is string => Boolean(t))
    .map((t) => (t.startsWith('/') ? t.slice(1) : posix.join('ppt', t)));
}

/**
 * A PowerPoint deck's text, one page per slide: the slide title (its title placeholder, else a
 * short text on top) as a `# ` heading — "Diapositive N" when it has none — then its text boxes
 * and tables top to bottom, left to right. Footers, dates and slide numbers are left out.
 */
export async function extractPptx(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  const zip = await openOfficeZip(bytes, file, 'Présentation PowerPoint');
  const paths = await slidePaths(zip, file);
  const lines: string[] = [];
  const pages: number[] = [];
  const push = (line: string, page: number) => {
    lines.push(line);
    pages.push(page);
  };
  let deckTitle: string | undefined;
  let firstSlideText: string[] = [];
  let letters = 0;
  for (const [i, path] of paths.entries()) {
    const page = i + 1;
    const xml = await zip.read(path);
    if (xml === null) continue;
    const tree = findFirst(parseXml(xml), 'p:spTree');
    const shapes = shapesOf(tree ? childrenOf(tree) : [], []).sort((a, b) => a.y - b.y || a.x - b.x || a.order - b.order);
    let titleAt = shapes.findIndex((s) => s.placeholder === 'title' || s.placeholder === 'ctrTitle');
    if (titleAt < 0 && shapes[0] && shapes[0].paragraphs.length === 1 && shapes[0].paragraphs[0]!.split(/\s+/).length <= 12) titleAt = 0;
    const title = titleAt >= 0 ? shapes[titleAt]!.paragraphs.join(' ') : `Diapositive ${page}`;
    if (lines.length > 0) push('', page);
    push(`# ${title}`, page);
    if (page === 1 && titleAt >= 0) deckTitle = title;
    const text: string[] = [title];
    for (const shape of shapes) letters += shape.paragraphs.join('').replace(/[^\p{L}]/gu, '').length;
    shapes.forEach((shape, k) => {
      if (k === titleAt) return;
      push('', page);
      for (const p of shape.paragraphs) {
        push(p, page);
        text.push(p);
      }
    });
    if (page === 1) firstSlideText = text;
  }
  if (letters < 10) {
    throw new DocumentError('no_text', file, 'no text on any slide', 'aucun texte sur les diapositives : présentation faite d’images ?');
  }
  const title = (await coreTitle(zip)) ?? deckTitle;
  // A title slide that repeats the deck's title names the document, it is not a section of it.
  if (title && lines[0] === `# ${title}`) lines[0] = title;
  const date = findPrintedDate(firstSlideText);
  return { lines, pages, pageCount: paths.length, ...(title ? { title } : {}), ...(date ? { date } : {}) };
}
