import { describe, expect, it } from 'vitest';
import { parsePeriod, type PeriodContext } from '../../src/domain/parse-period.js';

// [label, from, to, ctx?] — labels marked (seed) are copied verbatim from seeds/*.txt.
const cases: Array<[label: string, from: string, to: string, ctx?: PeriodContext]> = [
  // quarters and halves
  ['S2 2019', '2019-07-01', '2019-12-31'], // (seed)
  ['S1 2019', '2019-01-01', '2019-06-30'], // (seed)
  ['au S2 2019.', '2019-07-01', '2019-12-31'], // (seed)
  ['œuvre S1 2021', '2021-01-01', '2021-06-30'], // (seed)
  ['T4 2018', '2018-10-01', '2018-12-31'], // (seed)
  ['T3 2019', '2019-07-01', '2019-09-30'], // (seed)
  ['du T2 2019. Premiers', '2019-04-01', '2019-06-30'], // (seed)
  ['T4 2018 : réunion de présentation', '2018-10-01', '2018-12-31'], // (seed)
  ['Échéance de publication : T1 2020', '2020-01-01', '2020-03-31'], // (seed)
  ['T4 2020 : présentation en Conseil', '2020-10-01', '2020-12-31'], // (seed)
  ['Q1 2021', '2021-01-01', '2021-03-31'],
  ['1^{er} semestre 2019', '2019-01-01', '2019-06-30'],
  ['1er semestre 2021', '2021-01-01', '2021-06-30'], // (seed)
  ['1ᵉʳ semestre 2019', '2019-01-01', '2019-06-30'],
  ['2ème semestre 2020', '2020-07-01', '2020-12-31'],
  ['Deuxième semestre 2021', '2021-07-01', '2021-12-31'], // (seed)
  ['1er trimestre 2020', '2020-01-01', '2020-03-31'],
  ['Premier trimestre 2021', '2021-01-01', '2021-03-31'], // (seed)
  ['œuvre 1er trimestre 2021', '2021-01-01', '2021-03-31'], // (seed)
  ['dernier trimestre 2020', '2020-10-01', '2020-12-31'],
  // début / mi / fin of a year, a month, a quarter
  ['Fin 2019', '2019-10-01', '2019-12-31'], // (seed)
  ['fin 2020', '2020-10-01', '2020-12-31'], // (seed)
  ['Début 2020', '2020-01-01', '2020-03-31'], // (seed)
  ['Début 2021', '2021-01-01', '2021-03-31'], // (seed)
  ['début de l’année 2021', '2021-01-01', '2021-03-31'], // (seed)
  ['Mi-2020', '2020-05-01', '2020-07-31'],
  ['À compter de mi-2019 : temps de', '2019-05-01', '2019-07-31'], // (seed)
  ['Mi-novembre 2019', '2019-11-10', '2019-11-20'], // (seed)
  ['Mi-octobre 2019 : publication arrêté R1C', '2019-10-10', '2019-10-20'], // (seed)
  ['Fin juin 2020', '2020-06-20', '2020-06-30'], // (seed)
  ['Fin Décembre 2020', '2020-12-20', '2020-12-31'], // (seed)
  ['Fin septembre 2019 : étude des dossiers et arbitrage', '2019-09-20', '2019-09-30'], // (seed)
  ['début décembre 2020', '2020-12-01', '2020-12-10'],
  ['Début septembre 2019', '2019-09-01', '2019-09-10'], // (seed)
  ['• Feuille de route détaillée : début déc.2020', '2020-12-01', '2020-12-10'], // (seed)
  ['Fin T2-2021', '2021-06-01', '2021-06-30'],
  ['• Plan d’actions finalisé : fin T2-2021', '2021-06-01', '2021-06-30'], // (seed)
  ['• Rendu mission IGAS-IGF sur montée en charge des compétences : fin T1 2021', '2021-03-01', '2021-03-31'], // (seed)
  ['fin du mois de juin 2020', '2020-06-20', '2020-06-30'],
  ['fin des travaux en juin 2020', '2020-06-01', '2020-06-30'], // "fin" is not next to the month
  // seasons
  ['Été 2020', '2020-06-01', '2020-08-31'], // (seed)
  ['Ete 2020', '2020-06-01', '2020-08-31'],
  ['Été 2021', '2021-06-01', '2021-08-31'], // (seed)
  ['Été 2019 : publication', '2019-06-01', '2019-08-31'], // (seed)
  ['Hiver 2020-2021', '2020-12-01', '2021-02-28'], // (seed)
  ['Une mesure déployée pour la saison hivernale 2020-2021', '2020-12-01', '2021-02-28'], // (seed)
  ['Printemps 2020', '2020-03-01', '2020-05-31'],
  ['printemps 2021', '2021-03-01', '2021-05-31'], // (seed)
  ['Automne 2019', '2019-09-01', '2019-11-30'], // (seed)
  ['• Accélérer le déploiement des infirmiers en pratique avancée (IPA) Automne 2020', '2020-09-01', '2020-11-30'], // (seed)
  ['Rentrée 2020', '2020-09-01', '2020-09-30'], // (seed)
  ['dès la rentrée de septembre 2020.', '2020-09-01', '2020-09-30'], // (seed)
  ['• +1300 places IFSI dès la rentrée 2020', '2020-09-01', '2020-09-30'], // (seed)
  // months and days
  ['Septembre 2019', '2019-09-01', '2019-09-30'], // (seed)
  ['| SEPTEMBRE 2019', '2019-09-01', '2019-09-30'], // (seed)
  ['Décembre 2019 : publication', '2019-12-01', '2019-12-31'], // (seed)
  ['• Passage au CE en décembre 2020', '2020-12-01', '2020-12-31'], // (seed)
  ['Jun 2020', '2020-06-01', '2020-06-30'], // (seed)
  ['Janv 2021 *', '2021-01-01', '2021-01-31'], // (seed)
  ['janv. 2021', '2021-01-01', '2021-01-31'],
  ['févr. 2021', '2021-02-01', '2021-02-28'],
  ['sept. 2020', '2020-09-01', '2020-09-30'],
  ['oct. 2019', '2019-10-01', '2019-10-31'],
  ['nov. 2019', '2019-11-01', '2019-11-30'],
  ['déc. 2020', '2020-12-01', '2020-12-31'],
  ['À partir d\'octobre 2019 :', '2019-10-01', '2019-10-31'], // (seed)
  ['26 juillet 2019', '2019-07-26', '2019-07-26'], // (seed)
  ['16 février 2021', '2021-02-16', '2021-02-16'],
  ['01/10/2019', '2019-10-01', '2019-10-01'],
  ['Date d’effet 01/01/20', '2020-01-01', '2020-01-01'], // (seed)
  ['08/09', '2020-09-08', '2020-09-08', { year: 2020 }], // (seed)
  ['• Textes 1ère tranche publiés le 19/09', '2020-09-19', '2020-09-19', { year: 2020 }], // (seed)
  ['Date d’effet 01/12', '2020-12-01', '2020-12-01', { docDate: '2020-11-15' }], // (seed)
  // several dates span them all
  ['Octobre / Novembre 2019 :', '2019-10-01', '2019-11-30'], // (seed)
  ['janvier- février 2021', '2021-01-01', '2021-02-28'], // (seed)
  ['Janvier-mars 2019 : finalisation du PJJ', '2019-01-01', '2019-03-31'], // (seed)
  ['Septembre et décembre 2020', '2020-09-01', '2020-12-31'], // (seed)
  ['Sept. – déc. 2020: négociations', '2020-09-01', '2020-12-31'], // (seed)
  ['15 décembre et 1er juin 2021', '2020-12-15', '2021-06-01'], // (seed)
  ['Septembre 2020 Octobre 2020', '2020-09-01', '2020-10-31'], // (seed)
  ['Novembre 2020 Décembre 2020 Janvier 2021', '2020-11-01', '2021-01-31'], // (seed)
  ['Mai 2021 Juin 2021', '2021-05-01', '2021-06-30'], // (seed)
  ['Septembre 2019 - mars 2020', '2019-09-01', '2020-03-31'],
  ['entre novembre 2018 et mai 2019', '2018-11-01', '2019-05-31'], // (seed)
  ['2020-2022', '2020-01-01', '2022-12-31'], // (seed)
  ['2019-2020', '2019-01-01', '2020-12-31'],
  ['2019 et 2020', '2019-01-01', '2020-12-31'], // (seed)
  ['mise en place en 2018-2019)', '2018-01-01', '2019-12-31'], // (seed)
  ['T4 2018/T1 2019 : concertation', '2018-10-01', '2019-03-31'], // (seed)
  ['T4 2018/2019', '2018-10-01', '2019-12-31'], // (seed)
  ['T3 2019 - T4 2019 :', '2019-07-01', '2019-12-31'], // (seed)
  ['S2 2019/S1 2020 : écriture et publication des textes', '2019-07-01', '2020-06-30'], // (seed)
  ['S2 2019/T1 2020 : installation', '2019-07-01', '2020-03-31'], // (seed)
  ['Fin 2019-2020 : saisie CE', '2019-10-01', '2020-12-31'], // (seed)
  ['• Lutter contre les inégalités de santé Fin 2020- 2021', '2020-10-01', '2021-12-31'], // (seed)
  ['Fin 2018-2019-mi-2020', '2018-10-01', '2020-07-31'], // (seed)
  ['fin 2019 et la mi-2020', '2019-10-01', '2020-07-31'], // (seed)
  ['Oct. – Dec. 2020 Janvier 2021 S1 2021 Automne 2021 Fin 2021 / T1 2022', '2020-10-01', '2022-03-31'], // (seed)
  ['automne 2017 et Ma santé 2022', '2017-09-01', '2017-11-30'], // (seed) the plan's name is no date
  // whole years, laws, open starts
  ['2021', '2021-01-01', '2021-12-31'],
  ['Entrée en vigueur 2020', '2020-01-01', '2020-12-31'], // (seed)
  ['A compter de 2019', '2019-01-01', '2019-12-31'], // (seed)
  ['Initiatives volontaires dès 2018', '2018-01-01', '2018-12-31'], // (seed)
  ['À partir de 2020 : installation', '2020-01-01', '2020-12-31'], // (seed)
  ['dès 2020', '2020-01-01', '2020-12-31'],
  ['à partir de début 2020.', '2020-01-01', '2020-03-31'], // (seed)
  ['courant 2020', '2020-01-01', '2020-12-31'],
  ['• 50 M€ de FIR délégués dès fin 2020', '2020-10-01', '2020-12-31'], // (seed)
  ['• Abondement de la MERRI de 50M€ en 2021', '2021-01-01', '2021-12-31'], // (seed)
  ['PLFSS 2021', '2020-10-01', '2020-12-31'], // (seed)
  ['• Mesure en PLFSS 2021', '2020-10-01', '2020-12-31'], // (seed)
  ['PLFSS 2021 et négociations', '2020-10-01', '2020-12-31'], // (seed)
  ['LFSS 2020', '2019-10-01', '2019-12-31'],
  ['l’article 51 de la LFSS pour 2018, etc.', '2017-10-01', '2017-12-31'], // (seed)
  ['fin du quinquennat', '2022-05-01', '2022-05-14'],
  ['Déploiement progressif des CPTS jusqu\'à la fin du quinquennat.', '2022-05-01', '2022-05-14'], // (seed)
  // deadlines
  ['Avant mars 2021', '2021-02-28', '2021-02-28'], // (seed)
  ['Avant mars 2021', '2020-11-06', '2021-02-28', { docDate: '2020-11-06' }], // (seed)
  ['avant le 31/12/2021', '2021-12-30', '2021-12-30'],
  ['d’ici fin 2020', '2020-10-01', '2020-12-31'],
  ['d’ici fin 2020', '2019-06-15', '2020-12-31', { docDate: '2019-06-15' }],
  ['supplémentaires d’ici fin janvier 2021.', '2021-01-20', '2021-01-31'], // (seed)
  ["D'ici janvier 2020 : concertations", '2020-01-01', '2020-01-31'], // (seed)
  ["Jusqu'à début janvier 2020 :", '2020-01-01', '2020-01-10'], // (seed)
  ['avant la fin 2019.', '2019-10-01', '2019-12-31'], // (seed)
  ['avant la fin 2019.', '2019-03-01', '2019-12-31', { docDate: '2019-03-01' }], // (seed)
  // labels without a year of their own
  ['fin de l’année', '2020-10-01', '2020-12-31', { year: 2020 }],
  ['dans le courant du premier semestre', '2021-01-01', '2021-06-30', { docDate: '2021-02-01' }], // (seed)
];

// Labels that name no date we could place: better null than a guess.
const unparsed: Array<[label: string, ctx?: PeriodContext]> = [
  [''],
  ['en cours'],
  ['à définir'],
  ['PLFSS et négociations conventionnelles'],
  ['PLFSS et négociations conventionnelles', { year: 2020 }],
  ['Dès à présent'], // (seed knowledge/measures) relative to nothing we know
  ['08/09'], // (seed) no year in the label nor the context
  ['fin de l’année'],
  ['31/02/2020'],
  ['sept mesures phares'], // the number, not the month
  ['Ma santé 2022'], // the plan's name
  ['trimestre'],
];

// "à compter de", "à partir de", "dès" say when something starts: the period is read, but it is no deadline.
const STARTS = /(?:^|[^\p{L}])(?:à|a) (?:compter|partir)|(?:^|[^\p{L}])dès(?![\p{L}])/iu;

describe('parsePeriod', () => {
  it.each(cases)('%s → %s..%s', (label, from, to, ctx) => {
    expect(parsePeriod(label, ctx)).toEqual({ from, to, due: STARTS.test(label) ? null : to });
  });

  it('counts the start labels of the table (they must stay covered)', () => {
    expect(cases.filter(([label]) => STARTS.test(label)).length).toBeGreaterThanOrEqual(10);
  });

  it.each([
    ['À compter de mi-2019 : temps de', null],
    ['dès 2020', null],
    ['À partir d\'octobre 2019 :', null],
    ['des nouveaux régimes en 2021', '2021-12-31'], // the article "des", not "dès"
    ['à partir de 2020 et jusqu’en 2022', '2022-12-31'], // a deadline word still sets one
    ['2021 puis à compter de 2022', '2022-12-31'], // the start word does not govern the first date
  ])('%s: due %s', (label, due) => expect(parsePeriod(label)?.due).toBe(due));

  it.each(unparsed)('%j is not a date', (label, ctx) => {
    expect(parsePeriod(label, ctx)).toBeNull();
  });

  it('ignores case, accents and typographic apostrophes', () => {
    const expected = parsePeriod("d'ici fin 2020");
    for (const label of ['D’ICI FIN 2020', 'd‘ici fin 2020', 'd\u2019ici\u00a0fin\u202f2020']) {
      expect(parsePeriod(label)).toEqual(expected);
    }
    expect(parsePeriod('ÉTÉ 2020')).toEqual(parsePeriod('ete 2020'));
  });

  it('does not read the participle "été" as summer', () => {
    expect(parsePeriod('a été publié en 2020')).toEqual({ from: '2020-01-01', to: '2020-12-31', due: '2020-12-31' });
  });

  it('takes the year of a yearless label from ctx.year before ctx.docDate', () => {
    expect(parsePeriod('19/09', { year: 2019, docDate: '2020-10-01' })?.from).toBe('2019-09-19');
    expect(parsePeriod('19/09', { docDate: '2020-10-01' })?.from).toBe('2020-09-19');
  });

  it('never starts a deadline after it ends', () => {
    expect(parsePeriod('Avant mars 2021', { docDate: '2021-06-01' })).toEqual({
      from: '2021-02-28',
      to: '2021-02-28',
      due: '2021-02-28',
    });
  });
});
