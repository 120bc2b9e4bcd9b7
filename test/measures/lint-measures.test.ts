import { describe, expect, it } from 'vitest';
import { readStoredMeasures } from '../../src/db/measure-store.js';
import { lintMeasures } from '../../src/measures/lint-measures.js';
import { loadFixture, MS_YML, PROGRAMMES_YML, SEGUR_YML, writeKnowledge } from './measure-fixture.js';

describe('lintMeasures', () => {
  it('lists date labels the period parser cannot read, with where to look', () => {
    const { measures } = loadFixture();
    expect(measures.lint()).toEqual([
      { level: 'warning', id: 'MS-C3-P1-J3', source: '003_ms.txt:74-74', message: 'date illisible : « été » (gardée sans date)' },
      // A count of projects is a state, not something achieved: "done" is not what the line says.
      { level: 'warning', id: 'SEGUR-M25-J1', source: '002_segur.txt:25-25', message: 'rapporté fait, mais la ligne citée ne dit rien d’achevé' },
    ]);
  });

  it('lists every record whose status derived from the documents no cited line explains', () => {
    const yml = SEGUR_YML.replace(
      '        text: "Travail sur le financement de droit commun de la télésurveillance (PLFSS 2022)"',
      '        text: "Textes publiés le 22/09"\n        completes: true',
    ).replace('        label: "S1 2021"\n        text: "Déploiement du SAS"', '        label: "Novembre 2020"\n        text: "Décret publié le 3/11"');
    const { measures } = loadFixture({ dir: writeKnowledge({ 'programmes.yml': PROGRAMMES_YML, 'segur.yml': yml }) });
    expect(measures.lint().map((i) => `${i.level} ${i.id} ${i.message}`)).toEqual([
      'warning SEGUR-M24-J1 la ligne citée dit « publies », mais le jalon n’est pas fait',
      'error SEGUR-M24-J1 achève la mesure (completes) mais n’est pas rapporté fait',
      'warning SEGUR-M25-J1 rapporté fait, mais la ligne citée ne dit rien d’achevé',
      'warning SEGUR-M25-J2 la ligne citée dit « publie », mais le jalon n’est pas fait',
    ]);
  });

  it('accepts a measure done through the milestone that completes it', () => {
    const yml = SEGUR_YML.replace(
      '        text: "Travail sur le financement de droit commun de la télésurveillance (PLFSS 2022)"',
      '        text: "Textes publiés le 22/09"\n        done: true\n        completes: true',
    );
    const { measures } = loadFixture({ dir: writeKnowledge({ 'programmes.yml': PROGRAMMES_YML, 'segur.yml': yml }) });
    expect(measures.get('SEGUR-M24').status).toBe('done');
    expect(measures.lint().filter((i) => i.id.startsWith('SEGUR-M24'))).toEqual([]);
  });

  it('reports inconsistent dates, dangling references and duplicates', () => {
    const yml = MS_YML.replace('start: "Septembre 2019"', 'start: "2023"')
      .replace('group: MS-C3\n    kind: project\n    title: "Service', 'group: MS-C7\n    kind: project\n    title: "Service')
      .replace('parent: MS-C3-P1', 'parent: MS-C3-P9')
      .replace('pilots: ["CNAM", "Delphine Champetier"]', 'pilots: ["CNAM", "Delphine Champetier", "CNAM"]')
      .replace(
        '        label: "T1 2020"\n        text: "Premières mesures du pacte"',
        '        label: "Septembre 2019"\n        text: "Annonce du pacte"',
      )
      .replace('        done: true\n        label: "Septembre 2019"', '        done: true\n        label: "Mars 2020"');
    const { db } = loadFixture({ dir: writeKnowledge({ 'programmes.yml': PROGRAMMES_YML, 'ms.yml': yml }) });
    const messages = lintMeasures(readStoredMeasures(db, { includeRetired: true })).map((i) => `${i.level} ${i.id} ${i.message}`);
    expect(messages).toEqual([
      'warning MS-C1-P1 pilote en double : cnam',
      'warning MS-C3-P1 début « 2023 » après la fin « Fin 2022 »',
      'warning MS-C3-P1-J1 rapporté fait au 2019-09-30 mais daté « Mars 2020 »',
      'warning MS-C3-P1-J3 date illisible : « été » (gardée sans date)',
      'warning MS-C3-P1-S1 sans groupe (chantier, pilier, objectif ou thème)',
      'error MS-C3-P1-S1 projet parent inconnu : MS-C3-P9',
      'error MS-C3-P4 groupe inconnu : MS-C7',
    ]);
  });

  it('flags two milestones of a measure with the same label and text', () => {
    const yml = MS_YML.replace('        label: "T1 2020"\n        text: "Premières mesures du pacte"', '        label: "été"\n        text: "Bilan d\'étape"');
    const { measures } = loadFixture({ dir: writeKnowledge({ 'programmes.yml': PROGRAMMES_YML, 'ms.yml': yml }) });
    expect(measures.lint().map((i) => `${i.id} ${i.message}`)).toContain('MS-C3-P1-J3 même jalon que MS-C3-P1-J2');
  });
});
