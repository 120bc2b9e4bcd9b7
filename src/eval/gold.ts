import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { JalonError } from '../domain/errors.js';

export const GoldQuestionSchema = z.object({
  id: z.string(),
  question: z.string(),
  answers: z.array(z.string()).default([]),
  source: z.string().nullable().default(null),
  quote: z.string().nullable().default(null),
  line: z.number().int().nullable().default(null),
  kind: z.string().optional(),
  lang: z.string().optional(),
});
export type GoldQuestion = z.infer<typeof GoldQuestionSchema>;

/** Reads a JSONL file of records, naming the line of the first invalid one. */
export function readJsonl<S extends z.ZodType>(path: string, schema: S): z.infer<S>[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new JalonError('invalid_input', `cannot read ${path}`, `Fichier introuvable : ${path}`);
  }
  return text.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new JalonError('invalid_input', `${path}:${i + 1}: invalid JSON`, `JSON invalide : ${path}:${i + 1}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new JalonError('invalid_input', `${path}:${i + 1}: ${parsed.error.issues[0]?.message}`, `Entrée invalide : ${path}:${i + 1}`);
    return [parsed.data];
  });
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The line range a gold quote spans: from its given line, as many lines as it takes for the joined
 * text to contain the quote (PDF extraction breaks quotes over lines, sometimes with blank lines).
 */
export function locateQuote(seedsDir: string, q: GoldQuestion, cache = new Map<string, string[]>()): [number, number] | null {
  if (!q.source || q.line === null) return null;
  let lines = cache.get(q.source);
  if (!lines) {
    lines = readFileSync(join(seedsDir, q.source), 'utf8').split('\n');
    cache.set(q.source, lines);
  }
  const quote = collapse(q.quote ?? '');
  for (let end = q.line; end <= Math.min(lines.length, q.line + 30); end++) {
    for (let start = q.line; start >= Math.max(1, q.line - 3); start--) {
      if (collapse(lines.slice(start - 1, end).join(' ')).includes(quote)) return [start, end];
    }
  }
  return [q.line, q.line];
}

export const overlaps = (a: readonly [number, number], b: readonly [number, number]) => a[0] <= b[1] && b[0] <= a[1];

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
