import { describe, expect, it } from 'vitest';
import { matchIds, searchMeasureNames, suggestIds } from '../../src/measures/find-measures.js';
import { loadFixture } from './measure-fixture.js';

const { db, measures } = loadFixture();
const top = (query: string, k = 3) => searchMeasureNames(db, query, k).map((h) => h.id);

describe('searchMeasureNames', () => {
  it.each([
    ['MS-C3-P4', 'MS-C3-P4'],
    ['ms-c3-p4', 'MS-C3-P4'],
    ['ms c3 p4', 'MS-C3-P4'],
    ['C3-P4', 'MS-C3-P4'],
    ['M25', 'SEGUR-M25'],
    ['MS-C3-P1-J2', 'MS-C3-P1'],
    ['chantier 3 projet 4', 'MS-C3-P4'],
    ['mesure 25', 'SEGUR-M25'],
    ['Mesure n°24', 'SEGUR-M24'],
  ])('an id or partial id wins: %s → %s', (query, id) => expect(top(query)[0]).toBe(id));

  it('lists every measure a partial id may mean, shortest first', () => {
    expect(matchIds(db, 'P1')).toEqual(['MS-C1-P1', 'MS-C3-P1']);
    expect(matchIds(db, 'pacte urgences')).toEqual([]);
  });

  it.each([
    ['SAS', 'MS-C3-P4'],
    ['MMG', 'MS-C3-P1-S1'],
    ['pacte urgences', 'MS-C3-P1'],
    ['télésanté', 'SEGUR-M24'],
    ['CPTS', 'SEGUR-M25'],
  ])('an exact alias or acronym wins: %s → %s', (query, id) => expect(top(query)[0]).toBe(id));

  it.each([
    ['financement assistants médicaux', 'MS-C1-P1'],
    ['refondation des urgences', 'MS-C3-P1'],
    ['developpement telesante', 'SEGUR-M24'],
    ['Champetier', 'MS-C1-P1'],
    ['Thierry Kurth', 'MS-C3-P1'],
    ['maison medicale garde', 'MS-C3-P1-S1'],
  ])('ranks titles, aliases and pilots: %s → %s', (query, id) => expect(top(query)[0]).toBe(id));

  it.each([
    ['asistants medicaux', 'MS-C1-P1'],
    ['refondaton urgences', 'MS-C3-P1'],
    ['télésanté développemnt', 'SEGUR-M24'],
  ])('forgives typos: %s → %s', (query, id) => expect(top(query)[0]).toBe(id));

  it('returns nothing for an empty query or stop words only, and at most k', () => {
    expect(top('')).toEqual([]);
    expect(top('   ')).toEqual([]);
    expect(top('de la')).toEqual([]);
    expect(top('soins', 2)).toHaveLength(2);
  });
});

describe('suggestIds', () => {
  it('proposes the nearest ids for a mistyped one', () => {
    expect(suggestIds(db, 'MS-C3-P5')).toContain('MS-C3-P4');
    expect(suggestIds(db, 'SEGUR-M52')).toContain('SEGUR-M25');
  });
});

describe('measures.find', () => {
  it('returns Measure objects in the JSON contract, best first, with derived statuses', () => {
    const [m] = measures.find('C3-P1', 1);
    expect(Object.keys(m!)).toEqual(expect.arrayContaining(['id', 'programme', 'chantier', 'pilier', 'mesure', 'title', 'description', 'pilots', 'start', 'end', 'status', 'milestones', 'deliverables', 'source']));
    expect(m).toMatchObject({ id: 'MS-C3-P1', status: 'late', pilots: ['DGOS', 'Thierry Kurth'] });
    expect(Object.keys(m!.milestones[0]!)).toEqual(expect.arrayContaining(['id', 'label', 'due', 'from', 'to', 'text', 'status']));
  });
});
