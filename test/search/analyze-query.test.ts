import { describe, expect, it } from 'vitest';
import { analyzeQuery, stripMarkup, type QueryResources, type Vocabulary } from '../../src/search/analyze-query.js';
import { editDistanceAtMost } from '../../src/search/edit-distance.js';
import { stemText, tokenize } from '../../src/search/normalize.js';

describe('normalisation', () => {
  it('folds accents and apostrophes, joins digit groups and ordinals', () => {
    expect(tokenize('L’Été 2020 : 4 000 recrutements, 5ème risque, 1^{er} semestre')).toEqual(['ete', '2020', '4000', 'recrutements', '5e', 'risque', '1e', 'semestre']);
  });

  it('stems French words to the same form before folding', () => {
    expect(stemText('élevées')).toBe(stemText('élevé'));
    expect(stemText('créée')).toBe(stemText('créer'));
    expect(stemText('hôpitaux')).toBe(stemText('hôpital'));
  });

  it('strips Slack markup and control characters', () => {
    expect(stripMarkup('<@U123> Qui pilote <#C1|général> ? <!channel>\u0007 <https://x.fr|lien> &amp;')).toBe('Qui pilote   ?    lien &');
  });
});

/** A vocabulary made of the stems of a few words, with made-up frequencies. */
function vocabularyOf(words: string[]): Vocabulary {
  const known = new Map<string, { id: number; df: number }>();
  for (const w of words) for (const s of stemText(w).split(' ')) if (!known.has(s)) known.set(s, { id: known.size + 1, df: 3 });
  return {
    lookup: (stems) => new Map(stems.filter((s) => known.has(s)).map((s) => [s, known.get(s)!])),
    near: (stem, max) => [...known.keys()].filter((k) => k !== stem && k.slice(0, 2) === stem.slice(0, 2) && editDistanceAtMost(stem, k, max)),
  };
}

describe('analyzeQuery', () => {
  const resources: QueryResources = {
    glossary: [
      { acronym: 'ARS', expansion: 'agence régionale de santé', variants: [], source: 'a.txt', line: 1 },
      { acronym: 'HAD', expansion: 'hospitalisation à domicile', variants: [], source: 'a.txt', line: 2 },
    ],
    lexicon: new Map([
      ['nurse', ['infirmier']],
      ['waiting list', ["liste d'attente"]],
    ]),
    synonyms: [['pilote', 'pilotage']],
  };
  const vocabulary = vocabularyOf(['infirmier', 'pilotage', 'pilote', 'agence régionale santé', 'ars', 'had', 'hospitalisation domicile', 'qualité', 'stratégie', 'suppression', 'extension', "liste d'attente", 'pilier', '2']);
  const analyze = (q: string) => analyzeQuery(q, resources, vocabulary);
  const stems = (q: string) => analyze(q).terms.map((t) => `${t.stem}:${t.origin}`);

  it('keeps the user’s content words and drops question words', () => {
    expect(stems('Qui est le pilote ?')).toContain(`${stemText('pilote')}:query`);
    expect(stems('Qui est le pilote ?')).not.toContain('qui:query');
  });

  it('keeps only what the corpus knows, and lists the user’s words it does not', () => {
    const q = analyze('pilote du xylophone');
    expect(q.terms.map((t) => t.stem)).not.toContain(stemText('xylophone'));
    expect(q.unknown).toEqual(['xylophone']);
  });

  it('adds the acronym when the question spells it out (plural or not), and the expansion when it names it', () => {
    expect(stems('chaque agence régionale de santé')).toContain('ars:acronym');
    expect(stems('Que fait l’ARS ?')).toContain(`${stemText('agence')}:acronym`);
  });

  it('treats an acronym typed in capitals as a topic even when it spells an English function word', () => {
    expect(stems('Qui finance la HAD ?')).toContain('had:query');
    expect(stems('What is the budget of the HAD?')).toContain('had:query');
  });

  it('translates English through the lexicon, phrases before words, and does not keep the English word', () => {
    const q = analyze('Which nurse is on the waiting list?');
    expect(q.english).toBe(true);
    expect(q.terms.find((t) => t.stem === stemText('infirmier'))?.origin).toBe('english');
    expect(q.terms.map((t) => t.stem)).toEqual(expect.arrayContaining(stemText("liste d'attente").split(' ')));
  });

  it('finds English words the lexicon lacks through cognate rules checked against the corpus', () => {
    expect(stems('What is the quality strategy?')).toEqual(expect.arrayContaining([`${stemText('qualité')}:cognate`, `${stemText('stratégie')}:cognate`]));
  });

  it('adds words of the same French family at a lower weight, in the word’s group', () => {
    const q = analyze('Faut-il supprimer le pilote ?');
    const family = q.terms.find((t) => t.stem === stemText('suppression'))!;
    expect(family).toMatchObject({ origin: 'family' });
    expect(family.weight).toBeLessThan(1);
    expect(q.terms.filter((t) => t.group === family.group).map((t) => t.origin)).not.toContain('synonym');
    expect(stems('étendre')).toContain(`${stemText('extension')}:family`);
  });

  it('adds synonyms tied to the word they stand for', () => {
    const q = analyze('Qui est le pilote ?');
    const pilote = q.terms.find((t) => t.stem === stemText('pilote'))!;
    expect(q.terms.find((t) => t.stem === stemText('pilotage'))).toMatchObject({ origin: 'synonym', group: pilote.group });
  });

  it('repairs a typo towards a known word', () => {
    expect(stems('infirmeir')).toContain(`${stemText('infirmier')}:typo`);
  });

  it('reads numbered parts of the documents ("pilier 2", "pillar 2")', () => {
    expect(analyze('Que finance le pilier 2 ?').references.map((r) => r.stems)).toEqual([[stemText('pilier'), '2']]);
    expect(analyze('What does pillar 2 fund?').references).toHaveLength(1);
    expect(analyze('Que finance le pilier ?').references).toEqual([]);
  });

  it('reads what kind of answer the question wants', () => {
    expect(analyze('Quand le SAS est-il généralisé ?').answerType).toBe('date');
    expect(analyze('Combien de postes ?').answerType).toBe('count');
  });
});
