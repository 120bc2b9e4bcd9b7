import { describe, expect, it } from 'vitest';
import { isoDay, measureStatus, milestoneStatus, type MilestoneFacts } from '../../src/measures/derive-status.js';
import type { Status } from '../../src/domain/types.js';

const m = (facts: Partial<MilestoneFacts>): MilestoneFacts => ({ set: null, seedDone: false, asOf: '2019-09-30', due: null, ...facts });

describe('milestoneStatus', () => {
  const cases: [string, MilestoneFacts, string, Status][] = [
    ['planned when nothing is known', m({}), '2020-01-01', 'planned'],
    ['planned before its due day', m({ due: '2020-03-31' }), '2020-03-31', 'planned'],
    ['late the day after its due day', m({ due: '2020-03-31' }), '2020-04-01', 'late'],
    ['done when the document reports it, from the document’s date on', m({ seedDone: true, due: '2018-12-31' }), '2019-09-30', 'done'],
    ['not yet done when replaying a day before the document', m({ seedDone: true, due: '2022-12-31' }), '2019-06-01', 'planned'],
    ['what a person set wins over the documents', m({ set: 'blocked', seedDone: true }), '2020-01-01', 'blocked'],
    ['what a person set wins over the calendar', m({ set: 'in_progress', due: '2019-01-01' }), '2020-01-01', 'in_progress'],
    ['undated never turns late', m({ due: null }), '2030-01-01', 'planned'],
  ];
  it.each(cases)('%s', (_, facts, today, expected) => expect(milestoneStatus(facts, today)).toBe(expected));
});

describe('measureStatus', () => {
  const cases: [string, Status | null, Status[], Status][] = [
    ['planned with no milestones', null, [], 'planned'],
    ['planned when all are planned', null, ['planned', 'planned'], 'planned'],
    ['in progress when any is done', null, ['done', 'planned'], 'in_progress'],
    ['done when all are done', null, ['done', 'done'], 'done'],
    ['late when any is overdue, even if others are done', null, ['done', 'late'], 'late'],
    ['blocked when one is blocked and none late', null, ['blocked', 'planned'], 'blocked'],
    ['cancelled milestones do not count', null, ['done', 'cancelled'], 'done'],
    ['cancelled when all are cancelled', null, ['cancelled'], 'cancelled'],
    ['the last status a person set wins', 'planned', ['late', 'done'], 'planned'],
  ];
  it.each(cases)('%s', (_, set, milestones, expected) => expect(measureStatus(set, milestones)).toBe(expected));
});

describe('isoDay', () => {
  it('is the local calendar day in Paris by default, not the UTC one', () => expect(isoDay(new Date('2020-12-16T23:30:00Z'))).toBe('2020-12-17'));
  it('is the local calendar day in the zone given', () => expect(isoDay(new Date('2020-12-16T23:30:00Z'), 'America/New_York')).toBe('2020-12-16'));
});
