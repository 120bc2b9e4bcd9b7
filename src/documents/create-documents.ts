import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { indexDocument, INDEXER_VERSION } from '../corpus/index-corpus.js';
import { readGlossary, removeDocument } from '../db/corpus-store.js';
import {
  countPassagesBySource,
  deleteAddedDocument,
  findAddedDocument,
  insertAddedDocument,
  listAddedDocuments,
  readIndexedDocument,
  findShippedCopy,
  updateAddedDocument,
  type AddedDocumentRow,
} from '../db/document-store.js';
import type { Db } from '../db/open-database.js';
import { JalonError } from '../domain/errors.js';
import type { Source } from '../knowledge/load-sources.js';
import { silentLogger, type Logger } from '../log.js';
import { addedInfo, createDocumentCatalogue, shippedInfo, shortTitle, type DocumentCatalogue, type DocumentInfo } from './document-catalogue.js';
import { DocumentError, type DocumentField } from './document-error.js';
import { detectFormat, extractDocument } from './extract-document.js';
import { pageStartsOf, type DocumentFormat } from './extracted-document.js';
import { parseDocumentDate } from './parse-document-date.js';

export interface DocumentsOptions {
  db: Db;
  /** Where added files are copied, next to the store; undefined for an in-memory store (no copy). */
  dir: string | undefined;
  /** Larger files are refused before they are read. */
  maxBytes: number;
  now: () => Date;
  logger?: Logger;
  /** The shipped documents (knowledge/sources.yml). */
  sources: readonly Source[];
  /** Called after a document was added, changed or removed: the process reloads its passage index. */
  onChange?: () => void;
}

export interface AddDocumentInput {
  /** The file name as given (a path is reduced to its name). */
  name: string;
  bytes: Uint8Array;
  title?: string | undefined;
  /** "YYYY-MM" (also "YYYY", "12/2020", "décembre 2020"). */
  date?: string | undefined;
  url?: string | undefined;
  kind?: string | undefined;
  publisher?: string | undefined;
  /** Who adds it: a Slack user id, "cli:<user>". */
  addedBy: string;
}

/** `jalon documents list --json` items. */
export interface DocumentListing {
  id: string;
  file: string;
  title: string;
  date: string | null;
  kind: string | null;
  /** Pages (PDF) or slides (PPTX); null for formats without pages. */
  pages: number | null;
  passages: number;
  url: string | null;
  publisher: string | null;
  format: DocumentFormat;
  origin: 'shipped' | 'added';
  addedAt: string | null;
  addedBy: string | null;
}

/** A document just added, with what it could not find by itself (a form then asks for it). */
export interface AddedDocument extends DocumentListing {
  titleFound: boolean;
  dateFound: boolean;
}

export interface DocumentChanges {
  title?: string | undefined;
  date?: string | undefined;
  url?: string | undefined;
  kind?: string | undefined;
  publisher?: string | undefined;
}

export interface Documents {
  /** Reads, checks and indexes one file: one transaction; a refused file leaves nothing behind. */
  add(input: AddDocumentInput): Promise<AddedDocument>;
  list(): DocumentListing[];
  /** One document by id ("D3", "000") or file name. */
  get(ref: string): DocumentListing;
  /** Corrects an added document's title, date, link, kind or publisher (re-indexed when the title changes). */
  update(ref: string, changes: DocumentChanges): DocumentListing;
  /** Removes an added document, its passages and its copy. */
  remove(ref: string): DocumentListing;
  /** Re-indexes added documents whose passages were built by an older indexer (from their stored text). */
  refreshStale(): string[];
  /** Reads every added document again from its copy (after an extractor change): files re-read, and refusals. */
  reextract(): Promise<{ reread: string[]; failed: { file: string; message: string }[] }>;
  catalogue: DocumentCatalogue;
  maxBytes: number;
}

const DEFAULT_KIND: Record<DocumentFormat, string> = { pdf: 'document', docx: 'note', pptx: 'presentation', txt: 'text', md: 'text' };
const UrlSchema = z.url({ protocol: /^https?$/ });

/** A path reduced to a safe file name: no directories, no control characters, at most 180 characters. */
export function safeFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
  if (!base || base === '.' || base === '..') throw new DocumentError('invalid', name || '(sans nom)', 'no usable file name', 'nom de fichier invalide.');
  if (base.length <= 180) return base;
  const ext = /\.[a-z0-9]{1,5}$/i.exec(base)?.[0] ?? '';
  return base.slice(0, 180 - ext.length) + ext;
}

/** The index hash of an added document: its bytes, its short title and the indexer version. */
const indexHash = (fileHash: string, short: string) => createHash('sha256').update(`${INDEXER_VERSION}\nadded\n${fileHash}\n${short}`).digest('hex');

const megabytes = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} Ko` : `${(n / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/** The refusal of a file over the size limit, which it names with the file's size. */
export function tooLarge(file: string, size: number, maxBytes: number): DocumentError {
  return new DocumentError('too_large', file, `${size} bytes over ${maxBytes}`, `fichier trop volumineux (${megabytes(size)} ; limite ${megabytes(maxBytes)}, réglable par JALON_DOCUMENT_MAX_MB).`);
}

/**
 * Checks what a person typed for a document (CLI options, a Slack form) and returns it normalised:
 * dates as "YYYY-MM", links as URLs. Throws a DocumentError naming the field.
 */
export function checkDocumentChanges(file: string, changes: DocumentChanges): { title?: string; date?: string; url?: string; kind?: string; publisher?: string } {
  const out: { title?: string; date?: string; url?: string; kind?: string; publisher?: string } = {};
  const text = (value: string | undefined, field: DocumentField, label: string, max: number) => {
    if (value === undefined) return undefined;
    const t = value.replace(/\s+/g, ' ').trim();
    if (!t || t.length > max) throw new DocumentError('invalid', file, `invalid ${field}`, `${label} invalide (1 à ${max} caractères).`, field);
    return t;
  };
  const title = text(changes.title, 'title', 'titre', 300);
  if (title) out.title = title;
  const kind = text(changes.kind, 'kind', 'type', 60);
  if (kind) out.kind = kind;
  const publisher = text(changes.publisher, 'publisher', 'éditeur', 200);
  if (publisher) out.publisher = publisher;
  if (changes.date !== undefined) {
    const date = parseDocumentDate(changes.date);
    if (!date) throw new DocumentError('invalid', file, `invalid date ${changes.date}`, `date invalide « ${changes.date} » : attendu AAAA-MM (par exemple 2020-12).`, 'date');
    out.date = date;
  }
  if (changes.url !== undefined) {
    const url = UrlSchema.safeParse(changes.url.trim());
    if (!url.success) throw new DocumentError('invalid', file, 'invalid url', `lien invalide « ${changes.url} » : attendu une adresse http(s)://…`, 'url');
    out.url = new URL(url.data).href;
  }
  return out;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * The documents of the store: the shipped ones (sources.yml) and those added by staff, which are
 * checked, copied next to the store and indexed like the shipped ones.
 */
export function createDocuments(options: DocumentsOptions): Documents {
  const { db, dir, maxBytes, now, sources } = options;
  const logger = options.logger ?? silentLogger;
  const catalogue = createDocumentCatalogue(() => [...sources.map(shippedInfo), ...listAddedDocuments(db).map(addedInfo)]);
  const copyPath = (row: Pick<AddedDocumentRow, 'seq' | 'file'>) => (dir ? join(dir, `D${row.seq}-${row.file}`) : null);
  const changed = () => {
    catalogue.reload();
    options.onChange?.();
  };

  const listing = (info: DocumentInfo, passages: Map<string, number>, row: AddedDocumentRow | null): DocumentListing => ({
    id: info.id,
    file: info.file,
    title: info.title,
    date: info.date,
    kind: info.kind,
    pages: info.pageCount,
    passages: passages.get(info.file) ?? 0,
    url: info.url,
    publisher: info.publisher,
    format: info.format,
    origin: info.origin,
    addedAt: row?.addedAt ?? null,
    addedBy: row?.addedBy ?? null,
  });

  /** The added document a reference names ("D3", "d3" or its file name); a shipped one is refused. */
  function findRow(ref: string): AddedDocumentRow {
    const r = ref.trim();
    const seq = /^d(\d+)$/i.exec(r);
    const row = (seq ? findAddedDocument(db, { seq: Number(seq[1]) }) : null) ?? findAddedDocument(db, { file: r });
    if (row) return row;
    if (sources.some((s) => s.id === r || s.file === r)) {
      throw new DocumentError('shipped', r, 'shipped document', 'document livré avec Jalon : il se retire de seeds/ et de knowledge/sources.yml, pas ici.');
    }
    throw new DocumentError('not_found', r, 'no such added document', 'aucun document ajouté ne porte cet identifiant ou ce nom (voir jalon documents list).');
  }

  /** Refusals that need no reading: same name, same bytes. */
  function checkNew(file: string, fileHash: string): void {
    const sameName = findAddedDocument(db, { file });
    if (sameName) {
      throw new DocumentError('name_taken', file, `name taken by D${sameName.seq}`, `un document porte déjà ce nom (D${sameName.seq}). Retirez-le d’abord (jalon documents remove D${sameName.seq}) ou renommez le fichier.`);
    }
    if (readIndexedDocument(db, file)) {
      throw new DocumentError('name_taken', file, 'name of a shipped document', 'un document livré avec Jalon porte déjà ce nom : renommez le fichier.');
    }
    const sameBytes = findAddedDocument(db, { fileHash });
    if (sameBytes) {
      throw new DocumentError('duplicate', file, `same content as D${sameBytes.seq}`, `même contenu que « ${sameBytes.title} » (D${sameBytes.seq}, ${sameBytes.file}), déjà indexé.`);
    }
  }

  function get(ref: string): DocumentListing {
    const r = ref.trim();
    const info = catalogue.all().find((d) => d.id.toLowerCase() === r.toLowerCase() || d.file === r) ?? catalogue.get(findRow(r).file)!;
    return listing(info, countPassagesBySource(db), findAddedDocument(db, { file: info.file }));
  }

  return {
    catalogue,
    maxBytes,

    async add(input) {
      const file = safeFileName(input.name);
      if (input.bytes.length > maxBytes) throw tooLarge(file, input.bytes.length, maxBytes);
      const format = detectFormat(file, input.bytes);
      const given = checkDocumentChanges(file, input);
      const fileHash = createHash('sha256').update(input.bytes).digest('hex');
      checkNew(file, fileHash);
      const extracted = await extractDocument(file, input.bytes, format);
      const content = extracted.lines.join('\n');
      const copy = findShippedCopy(db, content);
      if (copy) throw new DocumentError('duplicate', file, `same text as shipped ${copy.file}`, `même contenu que « ${copy.short} » (${copy.id}), déjà indexé.`);

      const title = given.title ?? extracted.title ?? file.replace(/\.[^.]+$/, '');
      const date = given.date ?? extracted.date ?? null;
      const short = shortTitle(title);
      const row: Omit<AddedDocumentRow, 'seq' | 'passages'> = {
        file,
        format,
        title,
        titleFound: Boolean(given.title ?? extracted.title),
        date,
        publisher: given.publisher ?? null,
        kind: given.kind ?? DEFAULT_KIND[format],
        url: given.url ?? null,
        pageCount: extracted.pageCount,
        pageStarts: extracted.pages && extracted.pageCount ? pageStartsOf(extracted.pages, extracted.pageCount) : null,
        bytes: input.bytes.length,
        fileHash,
        addedAt: now().toISOString(),
        addedBy: input.addedBy,
      };

      // The copy is written first under a temporary name, named in the transaction (which gives
      // the id), and removed again if the transaction fails: the store never lists a missing copy.
      let temp: string | null = null;
      let final: string | null = null;
      if (dir) {
        try {
          mkdirSync(dir, { recursive: true });
          temp = join(dir, `.partial-${process.pid}-${fileHash.slice(0, 12)}`);
          writeFileSync(temp, input.bytes);
        } catch (error) {
          throw new JalonError('storage', `cannot write a copy of ${file} in ${dir}: ${(error as Error).message}`, `${file} : impossible d’enregistrer la copie du document.`);
        }
      }
      let seq: number;
      let passages: number;
      try {
        ({ seq, passages } = db
          .transaction(() => {
            const seq = insertAddedDocument(db, row);
            const passages = indexDocument(db, { file, id: `D${seq}`, title, short, content, hash: indexHash(fileHash, short) }, { glossary: readGlossary(db), now: now() });
            updateAddedDocument(db, seq, { passages });
            if (temp) {
              const target = copyPath({ seq, file })!;
              renameSync(temp, target);
              final = target;
            }
            return { seq, passages };
          })
          .immediate());
      } catch (error) {
        for (const path of [temp, final]) {
          try {
            if (path) rmSync(path, { force: true });
          } catch (cleanup) {
            logger.warn('copy of a refused document not removed', { path, error: (cleanup as Error).message });
          }
        }
        // Another process added the same file meanwhile: say which one, as if it had been first.
        if (isUniqueViolation(error)) checkNew(file, fileHash);
        if (error instanceof JalonError) throw error;
        throw new JalonError('storage', `adding ${file} failed and was rolled back: ${(error as Error)?.message ?? String(error)}`, `${file} : l’ajout a échoué ; rien n’a été enregistré.`);
      }
      logger.info('document added', { id: `D${seq}`, file, format, pages: row.pageCount, passages });
      changed();
      const info = catalogue.get(file)!;
      return { ...listing(info, new Map([[file, passages]]), { ...row, seq, passages }), titleFound: row.titleFound, dateFound: date !== null };
    },

    list() {
      const passages = countPassagesBySource(db);
      const rows = new Map(listAddedDocuments(db).map((r) => [r.file, r]));
      return catalogue.all().map((info) => listing(info, passages, rows.get(info.file) ?? null));
    },

    get,

    update(ref, changes) {
      const row = findRow(ref);
      const given = checkDocumentChanges(row.file, changes);
      db.transaction(() => {
        updateAddedDocument(db, row.seq, { ...given, ...(given.title ? { titleFound: true } : {}) });
        const short = shortTitle(given.title ?? row.title);
        const indexed = readIndexedDocument(db, row.file);
        // Passage headings start with the short title: a new title rebuilds them.
        if (indexed && short !== indexed.short) {
          const passages = indexDocument(db, { file: row.file, id: indexed.id, title: given.title ?? row.title, short, content: indexed.content, hash: indexHash(row.fileHash, short) }, { glossary: readGlossary(db), now: now() });
          updateAddedDocument(db, row.seq, { passages });
        }
      }).immediate();
      logger.info('document updated', { id: `D${row.seq}`, fields: Object.keys(given) });
      changed();
      return get(`D${row.seq}`);
    },

    remove(ref) {
      const row = findRow(ref);
      const before = get(`D${row.seq}`);
      db.transaction(() => {
        removeDocument(db, row.file);
        deleteAddedDocument(db, row.seq);
      }).immediate();
      const path = copyPath(row);
      if (path) rmSync(path, { force: true });
      logger.info('document removed', { id: `D${row.seq}`, file: row.file });
      changed();
      return before;
    },

    async reextract() {
      const reread: string[] = [];
      const failed: { file: string; message: string }[] = [];
      for (const row of listAddedDocuments(db)) {
        const path = copyPath(row);
        try {
          if (!path || !existsSync(path)) throw new DocumentError('not_found', row.file, 'no copy', 'copie introuvable à côté de la base : retirez le document et ajoutez-le de nouveau.');
          const extracted = await extractDocument(row.file, readFileSync(path), row.format);
          const short = shortTitle(row.title);
          db.transaction(() => {
            const passages = indexDocument(db, { file: row.file, id: `D${row.seq}`, title: row.title, short, content: extracted.lines.join('\n'), hash: indexHash(row.fileHash, short) }, { glossary: readGlossary(db), now: now() });
            const pageStarts = extracted.pages && extracted.pageCount ? pageStartsOf(extracted.pages, extracted.pageCount) : null;
            updateAddedDocument(db, row.seq, { passages, pageCount: extracted.pageCount, pageStarts });
          }).immediate();
          reread.push(row.file);
        } catch (error) {
          if (!(error instanceof JalonError)) throw error;
          failed.push({ file: row.file, message: error.userMessage });
        }
      }
      if (reread.length) changed();
      return { reread, failed };
    },

    refreshStale() {
      const refreshed: string[] = [];
      for (const row of listAddedDocuments(db)) {
        const short = shortTitle(row.title);
        const indexed = readIndexedDocument(db, row.file);
        if (!indexed) {
          logger.warn('added document missing from the index; remove it and add it again', { id: `D${row.seq}`, file: row.file });
          continue;
        }
        const hash = indexHash(row.fileHash, short);
        if (indexed.hash === hash) continue;
        db.transaction(() => {
          const passages = indexDocument(db, { file: row.file, id: indexed.id, title: row.title, short, content: indexed.content, hash }, { glossary: readGlossary(db), now: now() });
          updateAddedDocument(db, row.seq, { passages });
        }).immediate();
        refreshed.push(row.file);
      }
      if (refreshed.length) {
        logger.info('added documents re-indexed', { files: refreshed.length });
        catalogue.reload();
      }
      return refreshed;
    },
  };
}
