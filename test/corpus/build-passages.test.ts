import { describe, expect, it } from 'vitest';
import { buildPassages } from '../../src/corpus/build-passages.js';
import { cleanLine } from '../../src/corpus/clean-line.js';
import { readSeed, seedFiles } from '../helpers/seeds.js';

const squash = (s: string) => s.replace(/[\s-]/g, '');
const count = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe('buildPassages on the real seeds', () => {
  const files = seedFiles();

  it('indexes all five documents', () => {
    expect(files).toHaveLength(5);
  });

  for (const file of files) {
    const content = readSeed(file);
    const lines = content.split('\n');
    const passages = buildPassages(file, 'Doc', content);

    it(`${file}: each passage's text derives from exactly its lines`, () => {
      for (const p of passages) {
        expect(p.source).toBe(file);
        expect(p.lines[0]).toBeGreaterThanOrEqual(1);
        expect(p.lines[1]).toBeLessThanOrEqual(lines.length);
        const cited = squash(lines.slice(p.lines[0] - 1, p.lines[1]).map(cleanLine).join(''));
        // Every word of the passage comes from its range, in order.
        let at = 0;
        for (const word of p.text.split(/\s+/)) {
          const found = cited.indexOf(squash(word), at);
          expect(found, `${file}:${p.lines.join('-')} "${word}"`).toBeGreaterThanOrEqual(0);
          at = found;
        }
        // The first and last lines of the range are in the text (ranges are tight).
        expect(squash(p.text).startsWith(squash(cleanLine(lines[p.lines[0] - 1]!)).slice(0, 10))).toBe(true);
      }
    });

    it(`${file}: passages do not overlap and stay citable`, () => {
      for (let i = 1; i < passages.length; i++) expect(passages[i]!.lines[0]).toBeGreaterThan(passages[i - 1]!.lines[1]);
      const sizes = passages.map((p) => count(p.text));
      expect(Math.max(...sizes)).toBeLessThanOrEqual(240);
      const median = [...sizes].sort((a, b) => a - b)[Math.floor(sizes.length / 2)]!;
      expect(median).toBeGreaterThanOrEqual(40);
    });
  }

  it('builds heading paths from the documents’ own structure', () => {
    const sectionAt = (file: string, line: number) =>
      buildPassages(file, 'X', readSeed(file)).find((p) => p.lines[0] <= line && line <= p.lines[1])?.section;
    expect(sectionAt('003_19914e041d70e400.txt', 542)).toBe('X › Chantier 2 › Gradation des soins / GHT');
    expect(sectionAt('004_ddbf7fe8fce5e35d.txt', 330)).toBe('X › 3. Décloisonner et responsabiliser › Proposition n°16');
    expect(sectionAt('001_a19b8ad2add7f903.txt', 600)).toBe('X › Mesure 6');
    expect(sectionAt('002_89fd8a40030d029a.txt', 1095)).toMatch(/^X › Pilier 3/);
  });

  it('drops page furniture repeated on every page but keeps its first occurrence', () => {
    const content = readSeed('003_19914e041d70e400.txt');
    const passages = buildPassages('003', 'X', content);
    const all = passages.map((p) => p.text).join('\n');
    const banner = 'Comité de chantier incluant un DGARS';
    expect(content.split(banner).length - 1).toBeGreaterThanOrEqual(3);
    expect(all.split(banner).length - 1).toBe(1);
  });
});

describe('buildPassages on small inputs', () => {
  it('cleans PDF artefacts and joins hyphenated words', () => {
    const text = ['# Titre', '', 'Le 1^{er} semestre <p>2019</p> : la mé-', 'decine de ville \uf0e8 avance, avec Michel Varroud-', 'Vial.'].join('\n');
    const [p] = buildPassages('a.md', 'A', text);
    expect(p!.text).toBe('Le 1er semestre 2019 : la médecine de ville • avance, avec Michel Varroud-Vial.');
    expect(p!.section).toBe('A › Titre');
    expect(p!.lines).toEqual([3, 5]);
  });

  it('reads markdown headings as sections and never quotes their marks', () => {
    const text = ['# Partie', '', '## Sous-partie', 'Le texte de la sous-partie.', '### Détail', 'Un détail.'].join('\n');
    const passages = buildPassages('a.md', 'A', text);
    expect(passages.map((p) => p.section)).toEqual(['A › Partie › Sous-partie']);
    expect(passages[0]!.text).toBe('Sous-partie Le texte de la sous-partie. Détail Un détail.');
  });

  it('never lets a passage cross a section', () => {
    const text = ['Mesure 1 : Un', 'texte un.', 'Mesure 2 : Deux', 'texte deux.'].join('\n');
    const passages = buildPassages('a.txt', 'A', text);
    expect(passages.map((p) => p.section)).toEqual(['A › Mesure 1', 'A › Mesure 2']);
  });

  it('returns nothing for an empty document', () => {
    expect(buildPassages('a.txt', 'A', '')).toEqual([]);
  });
});

describe('footnotes', () => {
  it('gives a footnote its own section, so that its text does not join the passage above', () => {
    const text = ['Mesure 10 : Patients', 'Le texte principal de la mesure dix, assez long pour un passage.', '', 'iii', ' La gériatrie est une discipline à part entière.'].join('\n');
    const passages = buildPassages('a.txt', 'A', text);
    expect(passages.at(-1)).toMatchObject({ section: 'A › Note iii', lines: [4, 5] });
    expect(passages.at(-1)!.text).toContain('discipline à part entière');
    expect(passages[0]!.text).not.toContain('gériatrie');
  });
});
