import { describe, expect, it } from 'vitest';
import { newerFirst } from '../../src/answer/newer-first.js';

const DATES: Record<string, string | null> = { 'a-2019.txt': '2019-05', 'b-2021.txt': '2021-06', 'c.txt': null };
const dateOf = (file: string) => DATES[file];
const quote = (source: string, score: number) => ({ source, score });

describe('newerFirst', () => {
  it.each([
    ['a newer quote scoring about as well goes first', [quote('a-2019.txt', 1), quote('b-2021.txt', 0.6)], ['b-2021.txt', 'a-2019.txt']],
    ['a newer quote scoring clearly less stays behind', [quote('a-2019.txt', 1), quote('b-2021.txt', 0.3)], ['a-2019.txt', 'b-2021.txt']],
    ['an undated quote never moves', [quote('a-2019.txt', 1), quote('c.txt', 1)], ['a-2019.txt', 'c.txt']],
    ['same dates keep their order', [quote('b-2021.txt', 1), quote('b-2021.txt', 1)], ['b-2021.txt', 'b-2021.txt']],
  ])('%s', (_, quotes, order) => {
    expect(newerFirst(quotes, dateOf).map((q) => q.source)).toEqual(order);
  });
});
