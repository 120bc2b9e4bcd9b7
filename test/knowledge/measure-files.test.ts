import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMeasureFiles } from '../../src/knowledge/load-measure-files.js';

const root = join(import.meta.dirname, '../..');
const knowledge = loadMeasureFiles(join(root, 'knowledge/measures'));
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const seedLines = new Map<string, string[]>();
function cited(file: string, [from, to]: readonly [number, number]): string {
  if (!seedLines.has(file)) seedLines.set(file, readFileSync(join(root, 'seeds', file), 'utf8').split('\n'));
  const lines = seedLines.get(file)!;
  expect(to, `${file} has ${lines.length} lines`).toBeLessThanOrEqual(lines.length);
  return collapse(lines.slice(from - 1, to).join(' '));
}

describe('knowledge/measures', () => {
  it('has unique ids across all files', () => {
    const ids = knowledge.files.flatMap((f) => [...f.data.groups, ...f.data.measures].map((r) => r.id));
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  for (const { path, data } of knowledge.files) {
    const programme = knowledge.programmes.find((p) => p.id === data.programme)!;
    const file = programme.source;
    describe(path.split('/').pop()!, () => {
      it('cites verbatim titles and dates inside each record’s lines', () => {
        const problems: string[] = [];
        for (const record of [...data.groups, ...data.measures]) {
          const text = cited(file, record.lines);
          const fields: [string, string | undefined][] = [['title', record.title]];
          if ('start' in record) fields.push(['start', record.start], ['end', record.end]);
          for (const [name, value] of fields) {
            if (value !== undefined && !text.includes(collapse(value))) problems.push(`${record.id}.${name}: ${value}`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('cites verbatim every other field inside the record’s lines (printedAs: inside its own)', () => {
        const problems: string[] = [];
        const squash = (s: string) => collapse(s).replace(/[\s-]/g, '');
        for (const m of data.measures) {
          const text = cited(file, m.lines);
          const fields: [string, string | undefined][] = [
            ['description', m.description],
            ['pilotsText', m.pilotsText],
            ['arrangements', m.arrangements],
            ['legalVehicle', m.legalVehicle],
            ['financialStakes', m.financialStakes],
            ['statusText', m.statusText],
            ...m.deliverables.map((d): [string, string] => ['deliverable', d]),
          ];
          // A list the curator joined ("; " or one item per line) is checked item by item elsewhere: not here.
          for (const [name, value] of fields) {
            if (value !== undefined && !/;\s|\n/.test(value) && !text.includes(collapse(value))) problems.push(`${m.id}.${name}: ${value}`);
          }
          // Pilots: a hyphen ending a PDF line may be joined ("Varroud-" + "Vial").
          for (const p of m.pilots) if (!squash(text).includes(squash(p))) problems.push(`${m.id}.pilots: ${p}`);
          for (const p of m.printedAs) if (!cited(file, p.lines).includes(collapse(p.text))) problems.push(`${m.id}.printedAs: ${p.text}`);
        }
        expect(problems).toEqual([]);
      });

      it('cites verbatim milestone labels and texts inside their own lines', () => {
        const problems: string[] = [];
        for (const measure of data.measures) {
          measure.milestones.forEach((m, i) => {
            const text = cited(file, m.lines);
            if (!text.includes(collapse(m.text))) problems.push(`${measure.id}-J${i + 1}.text: ${m.text}`);
            if (m.label !== undefined && !text.includes(collapse(m.label)) && m.kind !== 'progress') {
              problems.push(`${measure.id}-J${i + 1}.label: ${m.label}`);
            }
            if (m.kind === 'progress' && m.label !== undefined && !cited(file, measure.lines).includes(collapse(m.label))) {
              problems.push(`${measure.id}-J${i + 1}.label (measure lines): ${m.label}`);
            }
          });
        }
        expect(problems).toEqual([]);
      });

      it('points groups and parents at records that exist', () => {
        const ids = new Set(knowledge.files.flatMap((f) => [...f.data.groups, ...f.data.measures].map((r) => r.id)));
        const dangling = data.measures.flatMap((m) =>
          [m.group, m.parent].filter((ref): ref is string => ref !== undefined && !ids.has(ref)).map((ref) => `${m.id} → ${ref}`),
        );
        expect(dangling).toEqual([]);
      });
    });
  }
});
