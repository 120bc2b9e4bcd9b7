import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Measure } from '../domain/types.js';
import { percentile, readJsonl } from './gold.js';

export const GoldMeasureSchema = z.object({
  id: z.string(),
  doc: z.string(),
  lookup: z.string(),
  title: z.string(),
  chantier: z.number().int().nullable().default(null),
  pilier: z.number().int().nullable().default(null),
  mesure: z.number().int().nullable().default(null),
  start: z.string().nullable().default(null),
  end: z.string().nullable().default(null),
  milestones: z.array(z.object({ label: z.string().nullable().default(null), text: z.string() })).default([]),
  pilots: z.array(z.string()).default([]),
});
export type GoldMeasure = z.infer<typeof GoldMeasureSchema>;

const FIELDS = ['title', 'chantier', 'pilier', 'mesure', 'start', 'end', 'milestones', 'pilots'] as const;
type Field = (typeof FIELDS)[number];

export interface MeasureEvalReport {
  records: number;
  correct: number;
  recordAccuracy: number;
  fields: number;
  matchedFields: number;
  fidelity: number;
  perField: Record<Field, { matched: number; total: number }>;
  p50Ms: number;
  p95Ms: number;
  misses: { id: string; lookup: string; expected: string; got: string | null; fields: string[] }[];
}

/** Comparison form of verbatim text: whitespace collapsed, ’ → ', case and ^{…} markup ignored. */
export const normalizeVerbatim = (s: string): string =>
  s
    .replace(/\^\{([^}]*)\}/g, '$1')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : normalizeVerbatim(a!) === normalizeVerbatim(b!);

/** A gold pilot is found when one item equals it, or when each of its " / " parts is an item. */
function hasPilot(pilots: readonly string[], gold: string): boolean {
  const items = new Set(pilots.map(normalizeVerbatim));
  const g = normalizeVerbatim(gold);
  if (items.has(g)) return true;
  const parts = g.split(/\s*\/\s*/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => items.has(p));
}

/** The fields of one gold record, each matched or not against a measure (null = nothing found). */
export function compareFields(gold: GoldMeasure, m: Measure | null): { field: Field; label: string; ok: boolean }[] {
  const out: { field: Field; label: string; ok: boolean }[] = [];
  const add = (field: Field, label: string, ok: boolean) => out.push({ field, label, ok: m !== null && ok });
  add('title', 'title', same(gold.title, m?.title));
  add('chantier', 'chantier', gold.chantier === (m?.chantier ?? null));
  add('pilier', 'pilier', gold.pilier === (m?.pilier ?? null));
  add('mesure', 'mesure', gold.mesure === (m?.mesure ?? null));
  add('start', 'start', same(gold.start, m?.start?.label));
  add('end', 'end', same(gold.end, m?.end?.label));
  for (const g of gold.milestones) {
    const ok = (m?.milestones ?? []).some((x) => same(g.label, x.label) && same(g.text, x.text));
    add('milestones', `milestone ${g.label ?? ''}: ${g.text.slice(0, 40)}`, ok);
  }
  for (const p of gold.pilots) add('pilots', `pilot ${p}`, hasPilot(m?.pilots ?? [], p));
  return out;
}

/**
 * `jalon eval measures`: for each gold record, the top result of find(lookup) must be the right
 * record (same title and seed document), and its fields must match the gold ones verbatim.
 */
export function evalMeasures(find: (query: string, k: number) => Measure[], path: string): MeasureEvalReport {
  const golds = readJsonl(path, GoldMeasureSchema);
  const perField = Object.fromEntries(FIELDS.map((f) => [f, { matched: 0, total: 0 }])) as MeasureEvalReport['perField'];
  const times: number[] = [];
  const misses: MeasureEvalReport['misses'] = [];
  let correct = 0;
  // Untimed first lookup: it builds the in-memory index, which the timings should not include.
  if (golds[0]) find(golds[0].lookup, 1);
  for (const gold of golds) {
    const t0 = performance.now();
    const top = find(gold.lookup, 1)[0] ?? null;
    times.push(performance.now() - t0);
    const right = top !== null && same(gold.title, top.title) && top.source.file === gold.doc;
    if (right) correct++;
    const fields = compareFields(gold, top);
    for (const f of fields) {
      perField[f.field].total++;
      if (f.ok) perField[f.field].matched++;
    }
    const failed = fields.filter((f) => !f.ok).map((f) => f.label);
    if (!right || failed.length > 0) {
      misses.push({ id: gold.id, lookup: gold.lookup, expected: gold.title, got: top ? `${top.id} ${top.title}` : null, fields: failed });
    }
  }
  const fields = Object.values(perField).reduce((n, f) => n + f.total, 0);
  const matchedFields = Object.values(perField).reduce((n, f) => n + f.matched, 0);
  return {
    records: golds.length,
    correct,
    recordAccuracy: correct / Math.max(1, golds.length),
    fields,
    matchedFields,
    fidelity: matchedFields / Math.max(1, fields),
    perField,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    misses,
  };
}
