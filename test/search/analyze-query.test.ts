import { describe, expect, it } from 'vitest';
import { analyzeQuery, detectIntent, stripMarkup, type QueryResources } from '../../src/search/analyze-query.js';
import { stemText, tokenize } from '../../src/search/normalize.js';

const _ = (question: string, intent: ReturnType<typeof detectIntent>) => [question, intent] as const;

describe('detectIntent', () => {
  it.each([
    _('Quand la loi OTSS a-t-elle été publiée ?', 'when'),
    _('À quelle rentrée le concours est-il supprimé ?', 'when'),
    _('When does the first cohort start?', 'when'),
    _('Qui pilote le chantier 3 ?', 'who'),
    _('Who leads the SAS?', 'who'),
    _('Où en est la mesure sur les hôtels hospitaliers ?', 'status'),
    _("État d'avancement du SAS", 'status'),
    _('Combien de mesures nécessitent un décret en Conseil d’État ?', 'quantity'),
    _('Quel montant pour le numérique ?', 'quantity'),
    _('Dès quel âge le suivi gériatrique ?', 'quantity'),
    _('How many psychologists were recruited?', 'quantity'),
    _('Quels sont les livrables du projet ?', 'deliverable'),
    _('Quelles conditions faut-il remplir ?', 'list'),
    _('Que propose la CFE-CGC pour la direction des soins ?', 'what'),
  ])('%s → %s', (question, intent) => {
    expect(detectIntent(question)).toBe(intent);
  });
});

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

describe('analyzeQuery', () => {
  const resources: QueryResources = {
    glossary: [{ acronym: 'ARS', expansion: 'agence régionale de santé', variants: [], source: 'a.txt', line: 1 }],
    lexicon: new Map([['nurse', ['infirmier']]]),
    synonyms: [['pilote', 'pilotage']],
    vocabulary: new Map([[stemText('infirmier'), 3], [stemText('pilotage'), 2], [stemText('régionale'), 4], ['ars', 5]]),
  };
  const stems = (q: string) => analyzeQuery(q, resources).terms.map((t) => `${t.stem}:${t.origin}`);

  it('keeps the user’s content words and drops question words', () => {
    expect(stems('Qui est le pilote ?')).toContain(`${stemText('pilote')}:query`);
    expect(stems('Qui est le pilote ?')).not.toContain('qui:query');
  });

  it('adds the acronym when the question spells it out (plural or not), and the expansion when it names it', () => {
    expect(stems('les agences régionales de santé')).toContain('ars:acronym');
    expect(stems('Que fait l’ARS ?')).toContain(`${stemText('agence')}:acronym`);
  });

  it('translates English and adds synonyms, each tied to the word it stands for', () => {
    const q = analyzeQuery('Which nurse is the pilote?', resources);
    expect(q.english).toBe(true);
    const nurse = q.terms.find((t) => t.stem === stemText('infirmier'))!;
    expect(nurse.origin).toBe('english');
    const pilote = q.terms.find((t) => t.stem === stemText('pilote'))!;
    const pilotage = q.terms.find((t) => t.stem === stemText('pilotage'))!;
    expect(pilotage).toMatchObject({ origin: 'synonym', group: pilote.group });
  });

  it('repairs a typo towards a known word', () => {
    expect(stems('infirmeir')).toContain(`${stemText('infirmier')}:typo`);
  });
});
