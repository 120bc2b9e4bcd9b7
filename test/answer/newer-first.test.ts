import { describe, expect, it } from 'vitest';
import { isUpdate, newerFirst } from '../../src/answer/newer-first.js';
import { stemText } from '../../src/search/normalize.js';

const DATES: Record<string, string | null> = { 'a-2019.txt': '2019-05', 'b-2021.txt': '2021-06', 'c.txt': null };
const dateOf = (file: string) => DATES[file];
const quote = (source: string, score: number) => ({ source, score });
const unit = (source: string, text: string) => ({ source, text, stems: new Set(stemText(text).split(' ')) });

describe('newerFirst', () => {
  it.each([
    ['a newer quote scoring about as well goes first', [quote('a-2019.txt', 1), quote('b-2021.txt', 0.97)], ['b-2021.txt', 'a-2019.txt']],
    ['a newer quote scoring clearly less stays behind', [quote('a-2019.txt', 1), quote('b-2021.txt', 0.8)], ['a-2019.txt', 'b-2021.txt']],
    ['an undated quote never moves', [quote('a-2019.txt', 1), quote('c.txt', 1)], ['a-2019.txt', 'c.txt']],
    ['same dates keep their order', [quote('b-2021.txt', 1), quote('b-2021.txt', 1)], ['b-2021.txt', 'b-2021.txt']],
  ])('%s', (_, quotes, order) => {
    expect(newerFirst(quotes, dateOf).map((q) => q.source)).toEqual(order);
  });
});

describe('isUpdate', () => {
  const old = unit('a-2019.txt', 'Le réseau compte 38 hélistations hospitalières en service.');
  it('is a restatement with other figures from a document of another date', () => {
    expect(isUpdate(old, unit('b-2021.txt', 'Le réseau compte 52 hélistations hospitalières en service.'), dateOf)).toBe(true);
  });
  it.each([
    ['the same figures', unit('b-2021.txt', 'Le réseau compte 38 hélistations hospitalières en service.')],
    ['a sentence of other words', unit('b-2021.txt', 'Les 52 centres de soins non programmés ouvrent le soir.')],
    ['the same document', unit('a-2019.txt', 'Le réseau compte 52 hélistations hospitalières en service.')],
    ['an undated document', unit('c.txt', 'Le réseau compte 52 hélistations hospitalières en service.')],
  ])('is not: %s', (_, other) => {
    expect(isUpdate(old, other, dateOf)).toBe(false);
  });
});
