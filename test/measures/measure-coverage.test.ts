import { describe, expect, it } from 'vitest';
import { measureCoverage, renderCoverage } from '../../src/cli/measure-coverage-command.js';
import type { MeasureKnowledge } from '../../src/knowledge/load-measure-files.js';
import { coveredShare, documentCoverage, squash } from '../../src/measures/measure-coverage.js';
import { KNOWLEDGE_DIR, SEEDS_DIR } from '../helpers/seeds.js';

const knowledge = (measures: object[], groups: object[] = []): MeasureKnowledge =>
  ({
    programmes: [{ id: 'p', code: 'P', title: 'P', source: 'doc.txt', asOf: '2020-01-01' }],
    files: [{ path: 'p.yml', data: { programme: 'p', groups, measures } }],
  }) as unknown as MeasureKnowledge;
const measure = (fields: object) => ({ aliases: [], pilots: [], deliverables: [], milestones: [], printedAs: [], kind: 'project', ...fields });

const DOC = ['TITRE COURANT > 1', '', 'Projet A\tDécrire le projet A\tDGOS', 'Une cellule qui commence ici', 'et finit là', 'Rien ne cite cette ligne', '  •  ', 'Ligne écartée'].join('\n');
const RULES = { file: 'doc.txt', furniture: [{ pattern: '^TITRE COURANT', reason: 'titre' }], omitted: [{ lines: [8, 8] as [number, number], reason: 'exprès' }] };

describe('coverage of a tracking document', () => {
  it('counts content lines: furniture by rule, omitted lines and lines with no letter aside', () => {
    const k = knowledge([measure({ id: 'P-1', title: 'Projet A', description: 'Décrire le projet A', pilots: ['DGOS'], arrangements: 'Une cellule qui commence ici et finit là', lines: [3, 5] })]);
    const r = documentCoverage('doc.txt', DOC, k, RULES);
    expect(r).toMatchObject({ lines: 6, furniture: 1, omitted: 1, content: 4, covered: 3 });
    expect(r.uncovered).toEqual([{ line: 6, text: 'Rien ne cite cette ligne', share: 0 }]);
    expect(r.ratio).toBe(0.75);
  });

  it('a line is cited only by records whose lines include it', () => {
    const k = knowledge([measure({ id: 'P-1', title: 'Projet A', description: 'Décrire le projet A', pilots: ['DGOS'], lines: [4, 5] })]);
    expect(documentCoverage('doc.txt', DOC, k, RULES).uncovered.map((u) => u.line)).toContain(3);
  });

  it('pieces: a row’s cells, a cell wrapping onto the next line', () => {
    expect(coveredShare(squash('Projet A\tDécrire le projet A\tDGOS'), ['Projet A', 'Décrire le projet A', 'DGOS'].map(squash))).toBe(1);
    expect(coveredShare(squash('Une cellule qui commence ici'), [squash('Une cellule qui commence ici et finit là')])).toBe(1);
    expect(coveredShare(squash('fin de la cellule précédente et un autre texte'), [squash('le début et la fin de la cellule précédente')])).toBeLessThan(0.9);
  });

  it('the shipped tracking documents are cited at 98 % or more, and the report says where the gaps are', () => {
    const report = measureCoverage({ seedsDir: SEEDS_DIR, knowledgeDir: KNOWLEDGE_DIR });
    expect(report.documents.map((d) => d.file).sort()).toEqual(['002_89fd8a40030d029a.txt', '003_19914e041d70e400.txt']);
    for (const d of report.documents) expect(d.ratio, d.file).toBeGreaterThanOrEqual(0.98);
    expect(renderCoverage(report)).toMatch(/^002_89fd8a40030d029a\.txt : \d+,\d %/);
  });
});
