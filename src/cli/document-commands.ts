import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { tooLarge, type AddedDocument, type DocumentListing } from '../documents/create-documents.js';
import { DocumentError } from '../documents/document-error.js';
import { JalonError, userMessageOf } from '../domain/errors.js';
import { formatDocumentDate } from '../domain/format-citation.js';
import type { Jalon } from '../open-jalon.js';
import type { WithJalon } from './measure-commands.js';
import { print as printLine } from './with-jalon.js';

/** What the document commands use of Jalon. */
export type DocumentJalon = Pick<Jalon, 'documents'>;

export interface DocumentCommandIo {
  print: (text: string) => void;
  /** One refused file, on stderr. */
  printError: (text: string) => void;
  /** Exit code 2 when a file was refused (the other files are still added). */
  setExitCode: (code: number) => void;
}

const defaultIo: DocumentCommandIo = {
  print: printLine,
  printError: (text) => process.stderr.write(`${text}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** Exit code of a command that refused a document (bad file, duplicate…): 1 stays for other failures. */
export const EXIT_REFUSED = 2;

function addedBy(): string {
  try {
    return `cli:${userInfo().username || 'local'}`;
  } catch {
    return 'cli:local';
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
const pagesText = (d: DocumentListing) => (d.pages === null ? null : plural(d.pages, d.format === 'pptx' ? 'diapositive' : 'page'));

/** "D3 · rapport.pdf — « Rapport … » · déc. 2020 · 12 pages · 48 passages · lien" */
export function renderDocumentLine(d: DocumentListing): string {
  const parts = [formatDocumentDate(d.date) ?? 'date inconnue', d.kind, pagesText(d), plural(d.passages, 'passage'), d.url].filter(Boolean);
  return `${d.id} · ${d.file} — « ${d.title} » · ${parts.join(' · ')}`;
}

/** What to type when the document did not say its title or date. */
function missingHints(d: AddedDocument): string[] {
  const hints: string[] = [];
  if (!d.titleFound) hints.push(`  titre non trouvé dans le document : jalon documents edit ${d.id} --title "…"`);
  if (!d.dateFound) hints.push(`  date non trouvée dans le document : jalon documents edit ${d.id} --date AAAA-MM`);
  return hints;
}

/** Reads a file to add; a missing one, or one over the limit, is refused before it is read. */
function readInput(path: string, maxBytes: number): Uint8Array {
  const name = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new DocumentError('invalid', name, 'not a file', 'ce n’est pas un fichier.');
    size = stat.size;
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('not_found', name, `cannot read ${path}`, 'fichier introuvable ou illisible.');
  }
  // Refused before reading: a huge file is never loaded.
  if (size > maxBytes) throw tooLarge(name, size, maxBytes);
  return readFileSync(path);
}

/**
 * `jalon documents add|list|edit|remove`: documents as staff have them (PDF, Word, PowerPoint,
 * text), copied next to the store and indexed at once. A refused file prints one French line
 * naming it and makes the command exit with code 2; the others are still added.
 */
export function registerDocumentCommands(program: Command, withJalon: WithJalon<DocumentJalon>, io: DocumentCommandIo = defaultIo): void {
  const { print } = io;
  const printJson = (value: unknown) => print(JSON.stringify(value));
  const refuse = (error: unknown) => {
    io.printError(`jalon : ${userMessageOf(error)}`);
    io.setExitCode(EXIT_REFUSED);
  };
  const documents = program.command('documents').description('documents ajoutés : PDF, Word, PowerPoint, texte');

  documents
    .command('add')
    .description('ajoute et indexe des documents (PDF, .docx, .pptx, .txt, .md)')
    .argument('<files...>', 'fichiers à ajouter')
    .option('--title <title>', 'titre (sinon celui du document)')
    .option('--date <AAAA-MM>', 'date du document (sinon celle imprimée en première page)')
    .option('--url <url>', 'lien vers l’original (les citations y renvoient, à la page pour un PDF)')
    .option('--kind <kind>', 'type : rapport, note, presentation…')
    .option('--publisher <publisher>', 'éditeur ou auteur')
    .option('--json', 'sortie JSON {"added":[…],"refused":[{"file","problem","message"}]}')
    .action(
      withJalon(async (jalon, files: string[], opts: { title?: string; date?: string; url?: string; kind?: string; publisher?: string; json?: boolean }) => {
        if (files.length > 1 && (opts.title !== undefined || opts.url !== undefined)) {
          throw new JalonError('invalid_input', '--title/--url with several files', '--title et --url ne valent que pour un seul fichier.');
        }
        const added: AddedDocument[] = [];
        const refused: { file: string; problem: string; message: string }[] = [];
        for (const path of files) {
          try {
            const bytes = readInput(path, jalon.documents.maxBytes);
            const doc = await jalon.documents.add({ name: basename(path), bytes, title: opts.title, date: opts.date, url: opts.url, kind: opts.kind, publisher: opts.publisher, addedBy: addedBy() });
            added.push(doc);
            if (!opts.json) print([`Ajouté : ${renderDocumentLine(doc)}`, ...missingHints(doc)].join('\n'));
          } catch (error) {
            if (!(error instanceof JalonError)) throw error;
            refused.push({ file: error instanceof DocumentError ? error.file : basename(path), problem: error instanceof DocumentError ? error.problem : error.code, message: error.userMessage });
            refuse(error);
          }
        }
        if (opts.json) printJson({ added, refused });
      }),
    );

  documents
    .command('list')
    .description('liste les documents indexés (livrés et ajoutés)')
    .option('--json', 'sortie JSON {"documents":[{"id","file","title","date","kind","pages","passages","url",…}]}')
    .action(
      withJalon((jalon, opts: { json?: boolean }) => {
        const all = jalon.documents.list();
        if (opts.json) return printJson({ documents: all });
        const added = all.filter((d) => d.origin === 'added');
        const lines = [`Livrés avec Jalon (${all.length - added.length}) :`, ...all.filter((d) => d.origin === 'shipped').map((d) => `  ${renderDocumentLine(d)}`)];
        lines.push(added.length ? `Ajoutés (${added.length}) :` : 'Aucun document ajouté (jalon documents add FICHIER).');
        lines.push(...added.map((d) => `  ${renderDocumentLine(d)}`));
        print(lines.join('\n'));
      }),
    );

  documents
    .command('edit')
    .description('corrige le titre, la date, le lien, le type ou l’éditeur d’un document ajouté')
    .argument('<id>', 'identifiant (D3) ou nom du fichier')
    .option('--title <title>', 'titre')
    .option('--date <AAAA-MM>', 'date')
    .option('--url <url>', 'lien')
    .option('--kind <kind>', 'type')
    .option('--publisher <publisher>', 'éditeur')
    .option('--json', 'sortie JSON du document')
    .action(
      withJalon((jalon, id: string, opts: { title?: string; date?: string; url?: string; kind?: string; publisher?: string; json?: boolean }) => {
        try {
          const doc = jalon.documents.update(id, opts);
          if (opts.json) printJson(doc);
          else print(`Modifié : ${renderDocumentLine(doc)}`);
        } catch (error) {
          if (!(error instanceof DocumentError)) throw error;
          refuse(error);
        }
      }),
    );

  documents
    .command('reindex')
    .description('relit chaque document ajouté depuis sa copie (après une mise à jour de Jalon)')
    .action(
      withJalon(async (jalon) => {
        const { reread, failed } = await jalon.documents.reextract();
        print(`Relus : ${reread.length}${failed.length ? ` · échecs : ${failed.length}` : ''}`);
        for (const f of failed) refuse(new DocumentError('not_found', f.file, 'not re-read', f.message.replace(`${f.file} : `, '')));
      }),
    );

  documents
    .command('remove')
    .description('retire un document ajouté, ses passages et sa copie')
    .argument('<id>', 'identifiant (D3) ou nom du fichier')
    .option('--json', 'sortie JSON du document retiré')
    .action(
      withJalon((jalon, id: string, opts: { json?: boolean }) => {
        try {
          const doc = jalon.documents.remove(id);
          if (opts.json) printJson({ removed: doc });
          else print(`Retiré : ${doc.id} · ${doc.file} — « ${doc.title} » (${plural(doc.passages, 'passage')})`);
        } catch (error) {
          if (!(error instanceof DocumentError)) throw error;
          refuse(error);
        }
      }),
    );
}
