import { describe, expect, it } from 'vitest';
import { searchPassages } from '../../src/search/search-passages.js';
import { buildFixture } from '../helpers/fixture-jalon.js';

const para = (words: string) => `${words} ${'texte de remplissage neutre pour atteindre une longueur raisonnable de passage. '.repeat(3)}`;
const docs = {
  'a.txt': [
    'Mesure 1 : Urgences',
    para('Les maisons médicales de garde ouvrent le soir près des services d’urgences hospitalières.'),
    '',
    'Mesure 2 : Psychiatrie',
    para('Les projets territoriaux de santé mentale sont transmis aux agences régionales.'),
    '',
    'Mesure 3 : Numérique',
    para('Le dossier médical partagé est généralisé en 2019 et ouvert aux patients.'),
  ].join('\n'),
  'b.txt': ['Proposition n°1 : Financement', para('La tarification à l’activité baisse au profit du forfait pour les pathologies chroniques.')].join('\n'),
};
const glossary = [
  { acronym: 'PTSM', expansion: 'projets territoriaux de santé mentale', variants: [], source: 'a.txt', line: 5 },
  { acronym: 'DMP', expansion: 'dossier médical partagé', variants: [], source: 'a.txt', line: 8 },
  { acronym: 'T2A', expansion: 'tarification à l’activité', variants: ['T2a'], source: 'b.txt', line: 2 },
];
const { index } = buildFixture(docs, glossary, { lexicon: new Map([['mental health', ['santé mentale']], ['emergency', ['urgences']]]) });
const top = (q: string) => searchPassages(index, q, 3)[0];

describe('searchPassages', () => {
  it('ranks the passage that holds the words, with stemming and accent folding', () => {
    expect(top('maison medicale de garde')?.section).toBe('a › Mesure 1');
    expect(top('généralisation du dossier médical')?.section).toBe('a › Mesure 3');
  });

  it('expands an acronym to its words and words to the acronym', () => {
    expect(top('PTSM')?.section).toBe('a › Mesure 2');
    expect(top('où en est le DMP ?')?.section).toBe('a › Mesure 3');
    expect(top('T2A et forfait')?.source).toBe('b.txt');
  });

  it('translates English questions through the lexicon', () => {
    expect(top('What about mental health projects?')?.section).toBe('a › Mesure 2');
    expect(top('emergency evening care')?.section).toBe('a › Mesure 1');
  });

  it('tolerates typos', () => {
    expect(top('psichiatrie territoriaux')?.section).toBe('a › Mesure 2');
  });

  it('returns file, lines, section, text and score', () => {
    const r = top('pathologies chroniques')!;
    expect(r).toMatchObject({ source: 'b.txt', section: 'b › Proposition n°1' });
    expect(r.lines[0]).toBeLessThanOrEqual(r.lines[1]);
    expect(r.text).toContain('pathologies chroniques');
    expect(r.score).toBeGreaterThan(0);
  });

  it.each([
    ['empty', ''],
    ['blank', '   \n\t '],
    ['FTS syntax', '" * NEAR( - ^ OR AND ) :'],
    ['control characters', '\u0000\u0007\u001b[31m'],
    ['only stopwords', 'quand est-ce que le la les'],
    ['Slack markup', '<@U123> <#C1|général> <!channel>'],
  ])('gives an empty result, not an error, for %s queries', (_, q) => {
    expect(searchPassages(index, q, 5)).toEqual([]);
  });

  it('handles a 100 KB query', () => {
    const huge = 'urgences '.repeat(12_000);
    expect(huge.length).toBeGreaterThan(100_000);
    expect(top(huge)?.section).toBe('a › Mesure 1');
  });

  it('keeps FTS operators in a real query harmless', () => {
    expect(top('"santé mentale" NEAR(projets) -psychiatrie^')?.section).toBe('a › Mesure 2');
  });
});
