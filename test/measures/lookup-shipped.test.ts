import { describe, expect, it } from 'vitest';
import { resolveMeasure } from '../../src/commands/resolve-measure.js';
import { hasClearWinner, readStructure } from '../../src/measures/find-measures.js';
import { shippedMeasures } from '../helpers/shipped-measures.js';

// Lookups of our own over the shipped measure database: structure, accents, typos, margins.
const { measures } = shippedMeasures();
const resolve = (text: string) => resolveMeasure(measures, text);
const one = (text: string) => {
  const r = resolve(text);
  return r.kind === 'one' ? r.measure.id : `${r.kind}`;
};

const PROGRAMMES = [
  { id: 'ma-sante-2022', code: 'MS' },
  { id: 'segur', code: 'SEGUR' },
  { id: 'stss', code: 'STSS' },
  { id: 'cfe-cgc', code: 'CFE' },
];

describe('readStructure', () => {
  it.each([
    ['pilier 4', { kind: 'group', group: 'pilier', number: 4 }],
    ['Chantier 10', { kind: 'group', group: 'chantier', number: 10 }],
    ['mesure 26', { kind: 'number', number: 26, kinds: ['measure'], programmeId: null, pilier: null }],
    ['Ségur 26', { kind: 'number', number: 26, kinds: null, programmeId: 'segur', pilier: null }],
    ['segur mesure n°26', { kind: 'number', number: 26, kinds: ['measure'], programmeId: 'segur', pilier: null }],
    ['pilier 4 mesure 26', { kind: 'number', number: 26, kinds: ['measure'], programmeId: null, pilier: 4 }],
    ['proposition n° 16', { kind: 'number', number: 16, kinds: ['proposal'], programmeId: null, pilier: null }],
    ['CFE-CGC 16', { kind: 'number', number: 16, kinds: null, programmeId: 'cfe-cgc', pilier: null }],
    ['stss 6', { kind: 'number', number: 6, kinds: null, programmeId: 'stss', pilier: null }],
  ])('%s', (text, expected) => expect(readStructure(text, PROGRAMMES)).toEqual(expected));

  it.each(['2022', '26', 'hôpitaux de proximité', 'plan 2022', 'pilier', 'segur'])('%s is no structure', (text) =>
    expect(readStructure(text, PROGRAMMES)).toBeNull(),
  );
});

describe('hasClearWinner', () => {
  it.each([
    [[1], true],
    [[1, 1], false],
    [[0.95, 0.95], false],
    [[0.95, 0.8], true],
    [[0.5, 0.5, 0.5], false],
    [[0.7, 0.3], true],
    [[0.6, 0.5], false],
    [[0.2], false],
    [[], false],
  ])('%j → %s', (scores, expected) => expect(hasClearWinner(scores.map((score) => ({ score })))).toBe(expected));
});

describe('lookup of the shipped measures', () => {
  it.each([
    ['mesure 26', 'SEGUR-M26'],
    ['segur 26', 'SEGUR-M26'],
    ['Ségur mesure n°26', 'SEGUR-M26'],
    ['pilier 4 mesure 26', 'SEGUR-M26'],
    ['chantier 3 projet 1', 'MS-C3-P1'],
    ['c3-p1', 'MS-C3-P1'],
    ['stss 6', 'STSS-M6'],
  ])('by structure: %s → %s', (text, id) => expect(one(text)).toBe(id));

  it('a chantier or a pilier is a list to choose from, never one card', () => {
    const r = resolve('pilier 4');
    expect(r.kind).toBe('many');
    expect(r.kind === 'many' && r.measures.every((m) => m.pilier === 4)).toBe(true);
    expect(resolve('chantier 3').kind).toBe('many');
  });

  it('a number two programmes share is a choice between them', () => {
    const r = resolve('mesure 6');
    expect(r.kind === 'many' && r.measures.map((m) => m.id).sort()).toEqual(['SEGUR-M6', 'STSS-M6']);
  });

  it('finds the same records with or without accents', () => {
    const ids = (text: string) => measures.find(text, 5).map((m) => m.id);
    expect(ids('hopitaux de proximite')).toEqual(ids('hôpitaux de proximité'));
    expect(ids('hopitaux de proximite')).toContain('MS-C5-P8');
    expect(ids('reforme des autorisations')).toEqual(ids('réforme des autorisations'));
  });

  it.each([
    ['financement de la psychiatire', 'MS-C5-P4'],
    ['reconaissance statutaire des IPA', 'MS-C8-P1-S5'],
  ])('forgives a typo: %s → %s', (text, id) => expect(measures.find(text, 1)[0]?.id).toBe(id));

  it('offers choices rather than a confident card when nothing wins by a margin', () => {
    const r = resolve('numérique en santé');
    expect(r.kind).toBe('many');
    expect(r.kind === 'many' && r.measures.length).toBeGreaterThan(1);
  });

  it('takes the record that wins by a margin', () => {
    expect(one('reconnaissance statutaire IPA')).toBe('MS-C8-P1-S5');
  });

  it('searchNames gives comparable scores, best first, at most k', () => {
    const hits = measures.searchNames('financement de la psychiatrie', 3);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits[0]!.id).toBe('MS-C5-P4');
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    expect(hits.every((h) => h.score > 0 && h.score <= 1)).toBe(true);
  });
});
