import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { JalonError } from '../domain/errors.js';

const WHY: Record<string, string> = {
  ENOENT: 'dossier introuvable',
  ENOTDIR: 'un élément du chemin n’est pas un dossier',
  EACCES: 'accès refusé',
  EPERM: 'accès refusé',
  EROFS: 'système de fichiers en lecture seule',
  EISDIR: 'c’est un dossier',
  ENOTEMPTY: 'c’est un dossier',
  EEXIST: 'c’est un dossier',
  ENOSPC: 'disque plein',
};

function unwritable(path: string, code: string): JalonError {
  return new JalonError('invalid_input', `cannot write ${resolve(path)}: ${code}`, `Impossible d’écrire l’image dans « ${path} » : ${WHY[code] ?? `erreur ${code}`}.`, {
    exitCode: 2,
  });
}

/**
 * Fails early, before anything is drawn, when `path` cannot be written: its folder is missing or
 * not writable, or the path is a folder. The same invalid_input error as writePicture's.
 */
export function assertWritable(path: string): void {
  const target = resolve(path);
  try {
    if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!statSync(dirname(target)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dirname(target), constants.W_OK);
  } catch (error) {
    throw unwritable(path, (error as NodeJS.ErrnoException).code ?? 'EIO');
  }
}

/**
 * Writes a picture to `path`, whole or not at all: the bytes go to a temporary file beside it, then
 * take its name. A path that cannot be written is an invalid_input error in French (CLI exit code 2).
 * Returns the absolute path written.
 */
export function writePicture(path: string, png: Buffer): string {
  const target = resolve(path);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, png);
    renameSync(temporary, target);
    return target;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw unwritable(path, (error as NodeJS.ErrnoException).code ?? 'EIO');
  }
}
