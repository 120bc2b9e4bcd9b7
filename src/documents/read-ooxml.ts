import { XMLParser, XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { DocumentError } from './document-error.js';

/** An XML element as fast-xml-parser gives it in document order: `{ tag: children, ':@': attributes }`. */
export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
});

/** Parses XML (or XHTML) into ordered nodes; malformed XML throws (the parser alone would guess). */
export function parseXml(xml: string): XmlNode[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return parser.parse(xml) as XmlNode[];
}

/** The element's tag ("a:p"), or "#text" for text. */
export const tagOf = (node: XmlNode): string => Object.keys(node).find((k) => k !== ':@') ?? '';

/** The element's children, in order (empty for text). */
export function childrenOf(node: XmlNode): XmlNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

export function attrOf(node: XmlNode, name: string): string | undefined {
  const value = (node[':@'] as Record<string, unknown> | undefined)?.[name];
  return value === undefined ? undefined : String(value);
}

/** The first descendant (depth first, document order) with this tag. */
export function findFirst(nodes: readonly XmlNode[], tag: string): XmlNode | undefined {
  for (const node of nodes) {
    if (tagOf(node) === tag) return node;
    const found = findFirst(childrenOf(node), tag);
    if (found) return found;
  }
  return undefined;
}

/** Every descendant with this tag, in document order (not looking inside a match). */
export function findAll(nodes: readonly XmlNode[], tag: string, out: XmlNode[] = []): XmlNode[] {
  for (const node of nodes) {
    if (tagOf(node) === tag) out.push(node);
    else findAll(childrenOf(node), tag, out);
  }
  return out;
}

/** Concatenated text of a subtree. */
export function textOf(nodes: readonly XmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === '#text') out += String(node['#text'] ?? '');
    else out += textOf(childrenOf(node));
  }
  return out;
}

/** Declared sizes beyond this are refused: a few megabytes of zip must not inflate into gigabytes. */
const MAX_UNZIPPED_BYTES = 300 * 1024 * 1024;

export interface OfficeZip {
  /** An entry's text, or null when the package has no such entry. */
  read(path: string): Promise<string | null>;
}

/** Opens an Office Open XML package (DOCX, PPTX). A file that is not one is refused as corrupt. */
export async function openOfficeZip(bytes: Uint8Array, file: string, what: string): Promise<OfficeZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (error) {
    const encrypted = bytes[0] === 0xd0 && bytes[1] === 0xcf;
    if (encrypted) {
      throw new DocumentError('encrypted', file, 'protected Office file (OLE container)', `${what} protégé par un mot de passe : enregistrez-en une copie sans protection, puis ajoutez-la.`);
    }
    throw new DocumentError('corrupt', file, `not a zip package (${(error as Error).message})`, `${what} illisible ou endommagé.`);
  }
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    // jszip keeps the central directory's declared size here; it is not part of its typed API.
    total += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  }
  if (total > MAX_UNZIPPED_BYTES) {
    throw new DocumentError('too_large', file, `declares ${total} bytes unzipped`, `${what} trop volumineux une fois décompressé.`);
  }
  return {
    async read(path) {
      const entry = zip.file(path);
      if (!entry) return null;
      try {
        return await entry.async('string');
      } catch {
        throw new DocumentError('corrupt', file, `damaged zip entry ${path}`, `${what} illisible ou endommagé.`);
      }
    },
  };
}

/** dc:title of docProps/core.xml, when it holds a real title. */
export async function coreTitle(zip: OfficeZip): Promise<string | undefined> {
  const xml = await zip.read('docProps/core.xml');
  if (!xml) return undefined;
  const node = findFirst(parseXml(xml), 'dc:title');
  const title = node ? textOf(childrenOf(node)).replace(/\s+/g, ' ').trim() : '';
  return (title.match(/\p{L}/gu) ?? []).length >= 4 && !/\.(docx?|pptx?)$/i.test(title) ? title : undefined;
}
