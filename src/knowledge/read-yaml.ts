import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { JalonError } from '../domain/errors.js';

/** Parsed files by path, valid while the file keeps its stamp (size and modification time). */
export interface KnowledgeCache {
  get(path: string, stamp: string): unknown;
  set(path: string, stamp: string, value: unknown): void;
}

/**
 * Reads and validates one YAML file. Errors name the file and the line, for YAML syntax and for
 * schema violations alike, so a curator can fix the right place. With a cache, a file whose size
 * and modification time are unchanged is not parsed again (it was validated when stored).
 */
export function readYaml<S extends z.ZodType>(path: string, schema: S, cache?: KnowledgeCache): z.infer<S> {
  if (cache) {
    let stamp: string;
    try {
      const { size, mtimeMs } = statSync(path);
      stamp = `${size}:${mtimeMs}`;
    } catch {
      throw new JalonError('knowledge', `cannot read ${path}`, `Fichier illisible : ${basename(path)}`);
    }
    const hit = cache.get(path, stamp);
    if (hit !== undefined) return hit as z.infer<S>;
    const value = readYaml(path, schema);
    cache.set(path, stamp, value);
    return value;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new JalonError('knowledge', `cannot read ${path}`, `Fichier illisible : ${basename(path)}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const line = syntaxError.linePos?.[0]?.line ?? lineCounter.linePos(syntaxError.pos[0]).line;
    const detail = syntaxError.message.split('\n')[0] ?? 'invalid YAML';
    throw new JalonError('knowledge', `${path}:${line}: ${detail}`, `YAML invalide : ${basename(path)}:${line}`);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number] } | undefined;
    const offset = node?.range?.[0] ?? findParentOffset(doc, issue.path as (string | number)[]);
    const line = offset === undefined ? 1 : lineCounter.linePos(offset).line;
    const where = issue.path.join('.');
    throw new JalonError(
      'knowledge',
      `${path}:${line}: ${where ? `${where}: ` : ''}${issue.message}`,
      `Donnée invalide : ${basename(path)}:${line}`,
    );
  }
  return parsed.data;
}

function findParentOffset(doc: ReturnType<typeof parseDocument>, path: (string | number)[]): number | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = doc.getIn(path.slice(0, i), true) as { range?: [number, number] } | undefined;
    if (node?.range) return node.range[0];
  }
  return undefined;
}
