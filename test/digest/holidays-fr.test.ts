import { describe, expect, it } from 'vitest';
import { easterSunday, frenchHolidayOn, frenchHolidays } from '../../src/digest/holidays-fr.js';
import { isBusinessDay, nextBusinessDay } from '../../src/digest/next-business-day.js';

describe('easterSunday', () => {
  // Published Easter dates (Western churches).
  it.each([
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
  ])('%i → %s', (year, date) => expect(easterSunday(year)).toBe(date));
});

describe('frenchHolidays', () => {
  it('lists the eleven national holidays of 2019, Easter-based ones included', () => {
    expect(frenchHolidays(2019).map((h) => `${h.date} ${h.name}`)).toEqual([
      "2019-01-01 Jour de l'an",
      '2019-04-22 Lundi de Pâques',
      '2019-05-01 Fête du Travail',
      '2019-05-08 Victoire 1945',
      '2019-05-30 Ascension',
      '2019-06-10 Lundi de Pentecôte',
      '2019-07-14 Fête nationale',
      '2019-08-15 Assomption',
      '2019-11-01 Toussaint',
      '2019-11-11 Armistice 1918',
      '2019-12-25 Noël',
    ]);
  });
  it.each([
    ['2020-04-13', 'Lundi de Pâques'],
    ['2020-05-21', 'Ascension'],
    ['2020-06-01', 'Lundi de Pentecôte'],
    ['2018-05-10', 'Ascension'],
    ['2019-10-07', null],
  ])('%s → %s', (date, name) => expect(frenchHolidayOn(date)).toBe(name));
});

describe('business days', () => {
  it.each([
    ['2019-04-22', '2019-04-23'], // lundi de Pâques → mardi
    ['2019-06-10', '2019-06-11'], // lundi de Pentecôte
    ['2019-05-30', '2019-05-31'], // Ascension (jeudi) → vendredi
    ['2019-11-01', '2019-11-04'], // Toussaint un vendredi → lundi
    ['2020-12-25', '2020-12-28'], // Noël un vendredi → lundi
    ['2019-10-05', '2019-10-07'], // samedi → lundi
    ['2019-10-07', '2019-10-07'], // already one
  ])('next business day of %s is %s', (date, next) => expect(nextBusinessDay(date)).toBe(next));
  it('weekends and holidays are not business days', () => {
    expect(isBusinessDay('2019-10-07')).toBe(true);
    expect(isBusinessDay('2019-10-06')).toBe(false);
    expect(isBusinessDay('2019-07-14')).toBe(false);
  });
});
