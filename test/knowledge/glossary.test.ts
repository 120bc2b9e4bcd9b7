import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/knowledge/load-glossary.js';
import { loadSources } from '../../src/knowledge/load-sources.js';
import { KNOWLEDGE_DIR, SEEDS_DIR, seedFiles } from '../helpers/seeds.js';

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/’/g, "'").toLowerCase();

describe('knowledge/glossary.yml', () => {
  const glossary = loadGlossary(join(KNOWLEDGE_DIR, 'glossary.yml'));

  it('holds at least 80 distinct acronyms of the corpus', () => {
    expect(new Set(glossary.map((g) => g.acronym)).size).toBeGreaterThanOrEqual(80);
    for (const required of ['CPTS', 'GHT', 'SAS', 'IPA', 'PTSM', 'MSP', 'DAC', 'ARS', 'ONDAM', 'T2A', 'IFAQ']) {
      expect(glossary.map((g) => g.acronym)).toContain(required);
    }
  });

  it('cites a real line where the acronym or its expansion occurs', () => {
    const wrong = glossary.filter((g) => {
      const line = readFileSync(join(SEEDS_DIR, g.source), 'utf8').split('\n')[g.line - 1] ?? '';
      const names = [g.acronym, ...g.variants, g.expansion].map(fold);
      return !names.some((n) => fold(line).includes(n.slice(0, Math.min(n.length, 12))));
    });
    expect(wrong.map((g) => `${g.acronym} ${g.source}:${g.line}`)).toEqual([]);
  });
});

describe('knowledge/sources.yml', () => {
  it('catalogues every seed with a title read from its text', () => {
    const sources = loadSources(join(KNOWLEDGE_DIR, 'sources.yml'));
    expect(sources.map((s) => s.file).sort()).toEqual(seedFiles());
    for (const s of sources) {
      if (s.title_line === undefined) continue;
      const text = readFileSync(join(SEEDS_DIR, s.file), 'utf8').split('\n').slice(s.title_line - 1, s.title_line + 2).join(' ');
      expect(fold(text.replace(/\s+/g, ' ')), s.file).toContain(fold(s.title.split(' ').slice(0, 3).join(' ')));
    }
  });
});
