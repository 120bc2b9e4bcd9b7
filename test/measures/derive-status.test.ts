import { describe, expect, it } from 'vitest';
import { isoDay, measureStatus, milestoneStatus, type MilestoneFacts } from '../../src/measures/derive-status.js';
import type { Status } from '../../src/domain/types.js';

const m = (facts: Partial<MilestoneFacts>): MilestoneFacts => ({ set: null, seedDone: false, doneOn: null, due: null, ...facts });
const reported = (facts: Partial<MilestoneFacts>) => m({ seedDone: true, doneOn: '2019-09-30', ...facts });

describe('milestoneStatus', () => {
  const cases: [string, MilestoneFacts, string, Status][] = [
    ['planned when nothing is known', m({}), '2020-01-01', 'planned'],
    ['planned before its due day', m({ due: '2020-03-31' }), '2020-03-31', 'planned'],
    ['late the day after its due day', m({ due: '2020-03-31' }), '2020-04-01', 'late'],
    ['done when the document reports it, from the document’s date on', reported({ due: '2018-12-31' }), '2019-09-30', 'done'],
    ['not yet done when replaying a day before the document', reported({ due: '2022-12-31' }), '2019-06-01', 'planned'],
    ['done from the achievement date the document prints', reported({ doneOn: '2020-09-08', due: '2020-09-30' }), '2020-09-08', 'done'],
    ['not late before that date when it was due earlier', reported({ doneOn: '2020-10-10', due: '2020-09-30' }), '2020-10-01', 'late'],
    ['what a person set wins over the documents', reported({ set: 'blocked' }), '2020-01-01', 'blocked'],
    ['what a person set wins over the calendar', m({ set: 'in_progress', due: '2019-01-01' }), '2020-01-01', 'in_progress'],
    ['undated never turns late', m({ due: null }), '2030-01-01', 'planned'],
    ['a start without a deadline ("À compter de mi-2019") never turns late', m({ due: null }), '2019-10-07', 'planned'],
  ];
  it.each(cases)('%s', (_, facts, today, expected) => expect(milestoneStatus(facts, today)).toBe(expected));
});

describe('measureStatus', () => {
  const cases: [string, Status | null, Status[], Status][] = [
    ['planned with no milestones', null, [], 'planned'],
    ['planned when all are planned', null, ['planned', 'planned'], 'planned'],
    ['in progress when any is done', null, ['done', 'planned'], 'in_progress'],
    // Done milestones are progress: only the document (or a person) says the measure is done.
    ['in progress when all are done but nothing says the measure is', null, ['done', 'done'], 'in_progress'],
    ['late when any is overdue, even if others are done', null, ['done', 'late'], 'late'],
    ['blocked when one is blocked and none late', null, ['blocked', 'planned'], 'blocked'],
    ['cancelled milestones do not count', null, ['planned', 'cancelled'], 'planned'],
    ['cancelled when all are cancelled', null, ['cancelled'], 'cancelled'],
    ['the last status a person set wins', 'planned', ['late', 'done'], 'planned'],
  ];
  it.each(cases)('%s', (_, set, milestones, expected) => expect(measureStatus(set, milestones)).toBe(expected));
  it('done when a milestone that completes the measure is done', () => expect(measureStatus(null, ['done', 'planned'], true)).toBe('done'));
  it('a status a person set still wins over a completed measure', () => expect(measureStatus('blocked', ['done'], true)).toBe('blocked'));
});

describe('isoDay', () => {
  it('is the local calendar day in Paris by default, not the UTC one', () => expect(isoDay(new Date('2020-12-16T23:30:00Z'))).toBe('2020-12-17'));
  it('is the local calendar day in the zone given', () => expect(isoDay(new Date('2020-12-16T23:30:00Z'), 'America/New_York')).toBe('2020-12-16'));
});
