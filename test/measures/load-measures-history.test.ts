import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestFromSource, loadDigestSource } from '../../src/digest/load-digest-source.js';
import type { Measures } from '../../src/measures/create-measures.js';
import { loadMeasures } from '../../src/measures/load-measures.js';
import { GLOSSARY, loadFixture, MS_YML, NOW } from './measure-fixture.js';

// MS-C3-P1's milestones in the fixture, as YAML items.
const J2 = `      - kind: planned
        label: "T1 2020"
        text: "Premières mesures du pacte"
        lines: [72, 72]
`;
const J3 = `      - kind: planned
        label: "été"
        text: "Bilan d'étape"
        lines: [74, 74]
`;
const INSERTED = `      - kind: planned
        label: "Décembre 2019"
        text: "Concertation"
        lines: [71, 71]
`;

/** What people did to each milestone of a measure, by the milestone's current ID. */
const personHistory = (measures: Measures, id: string) =>
  measures
    .history(id)
    .filter((c) => c.origin !== 'seed')
    .map((c) => [c.targetId, c.newStatus, c.who]);

/** Each milestone as the card shows it: ID, text, status and who set it. */
const card = (measures: Measures, id: string) => measures.get(id).milestones.map((m) => [m.id, m.text, m.status, m.statusSetBy ?? null]);

function reload(dir: string, db: Parameters<typeof loadMeasures>[0], yml: string): void {
  writeFileSync(join(dir, 'ms.yml'), yml);
  expect(loadMeasures(db, dir, { glossary: GLOSSARY }).changed).toBe(true);
}

describe('loadMeasures — history follows a milestone whose positional ID changes', () => {
  it('moves the history with the status when a curator inserts a milestone before it', () => {
    const { db, dir, measures } = loadFixture();
    measures.setStatus('MS-C3-P1-J2', { status: 'en cours', who: 'bob', comment: 'lancé', origin: 'cli' });
    reload(dir, db, MS_YML.replace(J2, INSERTED + J2));

    expect(card(measures, 'MS-C3-P1')).toEqual([
      ['MS-C3-P1-J1', 'Annonce du pacte', 'done', null],
      ['MS-C3-P1-J2', 'Concertation', 'late', null],
      ['MS-C3-P1-J3', 'Premières mesures du pacte', 'in_progress', 'bob'],
      ['MS-C3-P1-J4', "Bilan d'étape", 'planned', null],
    ]);
    expect(personHistory(measures, 'MS-C3-P1-J3')).toEqual([['MS-C3-P1-J3', 'in_progress', 'bob']]);
    expect(personHistory(measures, 'MS-C3-P1-J2')).toEqual([]);
    expect(personHistory(measures, 'MS-C3-P1')).toEqual([['MS-C3-P1-J3', 'in_progress', 'bob']]);

    // The digest's "changes" name the milestone bob worked on, not the one inserted.
    const source = loadDigestSource(db, { scope: null, now: NOW, since: new Date('2021-02-01T00:00:00Z'), timeZone: 'Europe/Paris' });
    const digest = digestFromSource(source, null, { timeZone: 'Europe/Paris', horizonDays: 14 });
    expect(digest.changed.map((c) => [c.targetId, c.targetText, c.comment])).toEqual([['MS-C3-P1-J3', 'Premières mesures du pacte', 'lancé']]);
  });

  it('swaps histories when two milestones swap places, without merging them', () => {
    const { db, dir, measures } = loadFixture();
    measures.setStatus('MS-C3-P1-J2', { status: 'fait', who: 'alice', origin: 'cli' });
    measures.setStatus('MS-C3-P1-J3', { status: 'bloqué', who: 'bob', origin: 'slack' });
    reload(dir, db, MS_YML.replace(J2 + J3, J3 + J2));

    expect(card(measures, 'MS-C3-P1').slice(1)).toEqual([
      ['MS-C3-P1-J2', "Bilan d'étape", 'blocked', 'bob'],
      ['MS-C3-P1-J3', 'Premières mesures du pacte', 'done', 'alice'],
    ]);
    expect(personHistory(measures, 'MS-C3-P1-J2')).toEqual([['MS-C3-P1-J2', 'blocked', 'bob']]);
    expect(personHistory(measures, 'MS-C3-P1-J3')).toEqual([['MS-C3-P1-J3', 'done', 'alice']]);
  });

  it('sets aside the history of a removed milestone: the one that takes its ID does not inherit it', () => {
    const { db, dir, measures } = loadFixture();
    measures.setStatus('MS-C3-P1-J2', { status: 'bloqué', who: 'bob', origin: 'cli' });
    reload(dir, db, MS_YML.replace(J2, ''));

    expect(card(measures, 'MS-C3-P1')[1]).toEqual(['MS-C3-P1-J2', "Bilan d'étape", 'planned', null]);
    expect(personHistory(measures, 'MS-C3-P1-J2')).toEqual([]);
    // Still in the measure's history, under an ID no milestone has.
    expect(personHistory(measures, 'MS-C3-P1')).toEqual([[expect.stringMatching(/^MS-C3-P1-J2~\d+$/), 'blocked', 'bob']]);
  });

  it('lists history oldest first by time, though a load appends what a document reported later', () => {
    const { db, dir, measures } = loadFixture();
    measures.setStatus('MS-C3-P1-J2', { status: 'en cours', who: 'bob', origin: 'cli' });
    // The document (dated 2019-09-30) now reports it done: appended after bob's change of 2021.
    reload(dir, db, MS_YML.replace('Premières mesures du pacte"', 'Premières mesures du pacte"\n        done: true'));
    expect(measures.history('MS-C3-P1-J2').map((c) => [c.origin, c.at])).toEqual([
      ['seed', '2019-09-30T00:00:00.000Z'],
      ['cli', NOW.toISOString()],
    ]);
  });
});
