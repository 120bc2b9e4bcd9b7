import { describe, expect, it } from 'vitest';
import { parseCron, sameSchedule } from '../../src/digest/parse-cron.js';

/** `n` distinct valid expressions that no other test uses (minute × hour, on the 28th). */
const distinct = (n: number) => Array.from({ length: n }, (_, i) => `${i % 60} ${Math.floor(i / 60)} 28 * *`);

describe('parseCron cache', () => {
  it('parses an expression once while it is in use', () => {
    expect(parseCron('7 9 * * 3')).toBe(parseCron(' 7  9 * * 3 '));
  });

  it('keeps at most 256 expressions, dropping the least recently used', () => {
    const [kept, dropped] = [parseCron('1 6 * * 1'), parseCron('2 6 * * 1')];
    for (const [i, text] of distinct(300).entries()) {
      parseCron(text);
      if (i % 100 === 0) parseCron('1 6 * * 1'); // in use: stays
    }
    expect(parseCron('1 6 * * 1')).toBe(kept);
    const again = parseCron('2 6 * * 1');
    expect(again).not.toBe(dropped);
    expect(again).toEqual(dropped);
  });
});

describe('sameSchedule', () => {
  it.each([
    ['0 9 * * mon', '0 9 * * 1', true],
    ['0 9 * * 7', '0 9 * * 0', true],
    ['0 9 * * 1-5', '0 9 * * 1,2,3,4,5', true],
    ['0 9 * * 0-6', '0 9 * * *', true],
    ['0 9 * * 1', '0 9 * * 2', false],
    ['0 9 * * 1', '30 9 * * 1', false],
  ])('%s vs %s → %s', (a, b, same) => expect(sameSchedule(parseCron(a), parseCron(b))).toBe(same));
});
