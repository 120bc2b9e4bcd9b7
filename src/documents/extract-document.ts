import { extname } from 'node:path';
import { JalonError } from '../domain/errors.js';
import { DocumentError } from './document-error.js';
import type { DocumentFormat, ExtractedDocument } from './extracted-document.js';
import { extractText } from './extract-text.js';

const LEGACY: Record<string, string> = {
  '.doc': 'Word 97-2003 (.doc) : enregistrez-le au format .docx ou PDF',
  '.ppt': 'PowerPoint 97-2003 (.ppt) : enregistrez-le au format .pptx ou PDF',
  '.xls': 'Excel : exportez-le en PDF',
  '.xlsx': 'Excel : exportez-le en PDF',
  '.odt': 'OpenDocument (.odt) : enregistrez-le au format .docx ou PDF',
  '.odp': 'OpenDocument (.odp) : enregistrez-le au format .pptx ou PDF',
  '.rtf': 'RTF : enregistrez-le au format .docx ou PDF',
};
const ACCEPTED = 'formats acceptés : PDF, Word (.docx), PowerPoint (.pptx), texte (.txt, .md)';

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * The format of a file, from its extension, checked against its first bytes (a renamed file is
 * refused rather than misread). Throws a DocumentError for anything else.
 */
export function detectFormat(file: string, bytes: Uint8Array): DocumentFormat {
  const ext = extname(file).toLowerCase();
  const unsupported = (why: string) => new DocumentError('unsupported', file, `unsupported type ${ext || '(none)'}`, `format non pris en charge (${why}) ; ${ACCEPTED}.`);
  switch (ext) {
    case '.pdf':
      // The header may follow a little junk; readers look in the first kilobyte.
      if (!Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) throw new DocumentError('corrupt', file, 'no %PDF- header', 'ce n’est pas un PDF valide (fichier endommagé ou mal nommé).');
      return 'pdf';
    case '.docx':
    case '.pptx':
      // Password-protected Office files are OLE containers, not zip packages.
      if (startsWith(bytes, OLE)) {
        const what = ext === '.docx' ? 'Document Word protégé' : 'Présentation PowerPoint protégée';
        throw new DocumentError('encrypted', file, 'protected Office file', `${what} par un mot de passe : enregistrez-en une copie sans protection, puis ajoutez-la.`);
      }
      if (!startsWith(bytes, ZIP)) throw new DocumentError('corrupt', file, 'not a zip package', 'fichier endommagé ou mal nommé (ce n’est pas un fichier Office).');
      return ext === '.docx' ? 'docx' : 'pptx';
    case '.txt':
    case '.md':
      return ext === '.txt' ? 'txt' : 'md';
    default:
      throw unsupported(LEGACY[ext] ?? (ext ? ext : 'fichier sans extension'));
  }
}

/**
 * Reads a file's text, whatever its format (see each extractor). The readers of binary formats
 * (pdf.js, mammoth, jszip, the XML parser) load with the first file that needs them: every other
 * command starts without them.
 */
export async function extractDocument(file: string, bytes: Uint8Array, format: DocumentFormat = detectFormat(file, bytes)): Promise<ExtractedDocument> {
  try {
    return await extractAs(format, file, bytes);
  } catch (error) {
    if (error instanceof JalonError) throw error;
    // A reader's own failure (a damaged page, malformed XML) is the file's fault, said as such.
    throw new DocumentError('corrupt', file, `unreadable ${format} (${(error as Error)?.message ?? String(error)})`, 'fichier illisible ou endommagé.');
  }
}

async function extractAs(format: DocumentFormat, file: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  switch (format) {
    case 'pdf':
      return (await import('./extract-pdf.js')).extractPdf(bytes, file);
    case 'docx':
      return (await import('./extract-docx.js')).extractDocx(bytes, file);
    case 'pptx':
      return (await import('./extract-pptx.js')).extractPptx(bytes, file);
    case 'txt':
    case 'md':
      return extractText(bytes, file, format);
  }
}
