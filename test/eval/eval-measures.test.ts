import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, evalMeasures, GoldMeasureSchema, normalizeVerbatim } from '../../src/eval/eval-measures.js';
import { loadFixture, writeKnowledge } from '../measures/measure-fixture.js';

const gold = (fields: Record<string, unknown>) => GoldMeasureSchema.parse({ id: 'G1', doc: '003_ms.txt', lookup: 'x', title: 't', ...fields });

describe('normalizeVerbatim', () => {
  it('collapses whitespace, folds ’ and case, ignores ^{…} markup', () => {
    expect(normalizeVerbatim('Réforme du 2^{ème}  cycle\nd’études')).toBe("réforme du 2ème cycle d'études");
  });
});

describe('compareFields', () => {
  const { measures } = loadFixture();
  const m = measures.get('MS-C3-P4');

  it('matches a combined gold pilot to the item as printed or to each of its parts', () => {
    const ok = (pilots: string[]) => compareFields(gold({ pilots: ['DGOS / CNAM'] }), { ...m, pilots }).find((f) => f.field === 'pilots')!.ok;
    expect(ok(['DGOS / CNAM'])).toBe(true);
    expect(ok(['DGOS', 'CNAM'])).toBe(true);
    expect(ok(['DGOS'])).toBe(false);
  });

  it('matches null gold fields to null record fields, and milestones by label and text', () => {
    const fields = compareFields(
      gold({ title: 'Service d’accès aux soins', chantier: 3, start: '2020', end: '2022', milestones: [{ label: '2022', text: 'Généralisation  du SAS' }] }),
      m,
    );
    expect(fields.every((f) => f.ok)).toBe(true);
    expect(fields.map((f) => f.field)).toEqual(['title', 'chantier', 'pilier', 'mesure', 'start', 'end', 'milestones']);
  });

  it('fails every field when nothing was found', () => {
    expect(compareFields(gold({}), null).some((f) => f.ok)).toBe(false);
  });
});

describe('evalMeasures', () => {
  it('scores top-1 records and field fidelity', () => {
    const { measures } = loadFixture();
    const path = join(writeKnowledge({}), 'golden.jsonl');
    const lines = [
      { id: 'G1', doc: '003_ms.txt', lookup: 'financement assistants médicaux', title: 'Création et soutien financier aux assistants médicaux', chantier: 1, pilier: null, mesure: null, start: 'Octobre 2018', end: '2022', milestones: [{ label: 'fin du quinquennat', text: "Accompagnement du déploiement dans l'objectif de 4 000 recrutements à la fin du quinquennat." }], pilots: ['CNAM', 'Delphine Champetier'] },
      { id: 'G2', doc: '002_segur.txt', lookup: 'télésanté', title: 'Assurer le développement de la télésanté', chantier: null, pilier: 4, mesure: 24, start: null, end: null, milestones: [{ label: 'Fin 2020', text: 'absent' }], pilots: [] },
      { id: 'G3', doc: '002_segur.txt', lookup: 'zzzz', title: 'Introuvable', chantier: null, pilier: 1, mesure: 1, start: null, end: null, milestones: [], pilots: [] },
    ];
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n'));
    const report = evalMeasures((q, k) => measures.find(q, k), path);
    expect(report).toMatchObject({ records: 3, correct: 2, fields: 9 + 7 + 6, matchedFields: 9 + 6 });
    expect(report.misses.map((x) => [x.id, x.fields])).toEqual([
      ['G2', ['milestone Fin 2020: absent']],
      ['G3', ['title', 'chantier', 'pilier', 'mesure', 'start', 'end']],
    ]);
  });
});
