import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalMeasures } from '../../src/eval/eval-measures.js';
import { shippedMeasures } from '../helpers/shipped-measures.js';

// Records of our own, written from the tables of 003 and 002 (chantier 5's tab-separated rows,
// chantier 8's merged pilot cells, Ségur pilier 5, the accord lines, the deck's numbering): the
// lookup finds each one first and its fields are what the tables print.
describe('golden records of our own against the shipped database', () => {
  it('finds every record first, with every field as printed', () => {
    const { measures } = shippedMeasures();
    const report = evalMeasures((q, k) => measures.find(q, k), join(import.meta.dirname, '../fixtures/golden-measures.jsonl'));
    expect(report.misses.map((m) => `${m.id} ${m.lookup} → ${m.got}: ${m.fields.join('; ')}`)).toEqual([]);
    expect(report.records).toBe(8);
    expect(report.fidelity).toBe(1);
  });
});
