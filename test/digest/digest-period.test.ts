import { describe, expect, it } from 'vitest';
import { isStillDue, latestOccurrence, nextOccurrence, previousOccurrence } from '../../src/digest/digest-period.js';
import { parseCron } from '../../src/digest/parse-cron.js';
import { fromLocalTime, toLocalTime } from '../../src/digest/zoned-time.js';

const TZ = 'Europe/Paris';
const weekly = parseCron('0 9 * * 1');
const at = (iso: string) => new Date(iso);

describe('latestOccurrence / nextOccurrence', () => {
  it('keeps 09:00 Paris across the DST changes (08:00Z in winter, 07:00Z in summer)', () => {
    expect(latestOccurrence(weekly, TZ, at('2019-03-25T08:00:00Z'))?.at.toISOString()).toBe('2019-03-25T08:00:00.000Z');
    expect(nextOccurrence(weekly, TZ, at('2019-03-25T08:00:00Z'))?.at.toISOString()).toBe('2019-04-01T07:00:00.000Z');
    expect(latestOccurrence(weekly, TZ, at('2019-04-01T06:59:59Z'))?.period).toBe('2019-03-25');
    expect(nextOccurrence(weekly, TZ, at('2019-10-21T12:00:00Z'))?.at.toISOString()).toBe('2019-10-28T08:00:00.000Z');
  });

  it('moves a holiday Monday to Tuesday, same time; the period is the day it goes out', () => {
    const easterMonday = latestOccurrence(weekly, TZ, at('2019-04-23T07:00:00Z'))!;
    expect(easterMonday.period).toBe('2019-04-23');
    expect(easterMonday.holiday).toBe('Lundi de Pâques');
    expect(easterMonday.scheduledFor.toISOString()).toBe('2019-04-22T07:00:00.000Z');
    // On the holiday itself nothing is due yet: the latest is the previous week's.
    expect(latestOccurrence(weekly, TZ, at('2019-04-22T10:00:00Z'))?.period).toBe('2019-04-15');
    expect(nextOccurrence(weekly, TZ, at('2019-06-09T12:00:00Z'))?.period).toBe('2019-06-11'); // Pentecôte
  });

  it('merges a moved daily digest with the next day’s own: one digest a day', () => {
    const daily = parseCron('0 9 * * *');
    const tuesday = latestOccurrence(daily, TZ, at('2019-04-23T09:00:00Z'))!;
    expect(tuesday.period).toBe('2019-04-23');
    expect(previousOccurrence(daily, TZ, tuesday)?.period).toBe('2019-04-21');
  });

  it('previous occurrence of a weekly digest is a week earlier', () => {
    const o = latestOccurrence(weekly, TZ, at('2019-10-07T07:00:00Z'))!;
    expect(previousOccurrence(weekly, TZ, o)?.at.toISOString()).toBe('2019-09-30T07:00:00.000Z');
  });

  it('reads a wall-clock time in the zone, both ways', () => {
    expect(fromLocalTime('2019-10-07', 8, 30, TZ).toISOString()).toBe('2019-10-07T06:30:00.000Z');
    expect(toLocalTime(at('2019-10-06T22:30:00Z'), TZ)).toEqual({ date: '2019-10-07', hour: 0, minute: 30, weekday: 1 });
    // 02:30 does not exist on 31 March 2019 in Paris: it maps past the gap.
    expect(toLocalTime(fromLocalTime('2019-03-31', 2, 30, TZ), TZ).hour).toBe(3);
  });
});

describe('isStillDue', () => {
  const o = latestOccurrence(weekly, TZ, at('2019-10-07T07:00:00Z'))!;
  it.each([
    ['2019-10-07T07:00:00Z', 10, true],
    ['2019-10-07T16:59:00Z', 10, true], // 18:59, within 10 h
    ['2019-10-07T17:01:00Z', 10, false], // past the grace
    ['2019-10-07T21:30:00Z', 24, true], // 23:30 ok, but…
    ['2019-10-07T22:30:00Z', 24, false], // …never the next day
    ['2019-10-07T07:03:00Z', 0, true], // a tick a few minutes late still posts
    ['2019-10-07T06:59:00Z', 10, false], // not yet
  ])('at %s with %i h grace → %s', (now, grace, due) => expect(isStillDue(o, at(now), TZ, grace)).toBe(due));
});
