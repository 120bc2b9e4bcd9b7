import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import type { Scope } from '../../src/domain/types.js';
import { digestFromSource, loadDigestSource } from '../../src/digest/load-digest-source.js';
import { createMeasures } from '../../src/measures/create-measures.js';
import { loadMeasures } from '../../src/measures/load-measures.js';
import { buildMeasureCard } from '../../src/slack/blocks/build-measure-card.js';
import { fixtureState, measure, openFixtureDb } from '../digest/helpers/digest-fixture.js';
import { GLOSSARY, loadFixture, MS_YML, NOW, tempDbPath } from './measure-fixture.js';

describe('createMeasures', () => {
  it('sees statuses another process sets, without rebuilding its index', () => {
    const path = tempDbPath();
    const { measures: slack, db } = loadFixture({ dbPath: path });
    expect(slack.find('SAS', 1)[0]!.status).toBe('planned');
    const other = openDatabase(path);
    createMeasures(other, { now: () => NOW }).setStatus('MS-C3-P4', { status: 'bloqué', who: 'cli-user', origin: 'cli' });
    expect(slack.find('SAS', 1)[0]).toMatchObject({ status: 'blocked', statusSetBy: 'cli-user' });
    other.close();
    db.close();
  });

  it('rebuilds its index when curated data changes', () => {
    const path = tempDbPath();
    const { measures, db, dir } = loadFixture({ dbPath: path });
    expect(measures.find('refonte urgences', 1)[0]!.title).toBe('Pacte de refondation des urgences');
    writeFileSync(join(dir, 'ms.yml'), MS_YML.replace('Pacte de refondation des urgences', 'Pacte de refonte des urgences'));
    const other = openDatabase(path);
    loadMeasures(other, dir, { glossary: GLOSSARY });
    expect(measures.find('refonte urgences', 1)[0]!.title).toBe('Pacte de refonte des urgences');
    other.close();
    db.close();
  });

  it('shows a measure named by a partial id when only one matches, else suggests', () => {
    const { measures } = loadFixture();
    expect(measures.get('c3-p4').id).toBe('MS-C3-P4');
    expect(() => measures.get('P1')).toThrow(expect.objectContaining({ code: 'not_found', userMessage: expect.stringMatching(/Vouliez-vous dire MS-C1-P1, MS-C3-P1/) }));
  });

  it('gives a milestone with its measure', () => {
    const { measures } = loadFixture();
    const { measure, milestone } = measures.getMilestone('MS-C3-P1-J2');
    expect(measure.id).toBe('MS-C3-P1');
    expect(milestone).toMatchObject({ id: 'MS-C3-P1-J2', text: 'Premières mesures du pacte', status: 'late' });
    expect(() => measures.getMilestone('MS-C3-P1-J9')).toThrow(expect.objectContaining({ userMessage: expect.stringMatching(/^Jalon introuvable/) }));
  });

  it('probes ids without throwing: tryGet and tryGetMilestone answer null for an unknown id', () => {
    const { measures } = loadFixture();
    expect(measures.tryGet('c3-p4')?.id).toBe('MS-C3-P4');
    expect(measures.tryGet('MS-C9-P9')).toBeNull();
    expect(measures.tryGet('P1')).toBeNull(); // names several measures: get() suggests them
    expect(measures.tryGetMilestone('ms-c3-p1-j2')).toMatchObject({ measure: { id: 'MS-C3-P1' }, milestone: { id: 'MS-C3-P1-J2' } });
    expect(measures.tryGetMilestone('MS-C3-P1-J9')).toBeNull();
    expect(measures.tryGetMilestone('MS-C3-P1')).toBeNull(); // a measure, not a milestone
  });

  it('lists the programmes and answers history for unknown ids with suggestions', () => {
    const { measures } = loadFixture();
    expect(measures.programmes().map((p) => p.id)).toEqual(['ma-sante-2022', 'segur']);
    expect(() => measures.history('SEGUR-M99')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('reads "today" as the local day in its time zone: a card and the digest agree just after midnight', () => {
    const state = fixtureState();
    const place = { programmeId: 'ma-sante-2022', groupId: 'MS-C3', chantier: 3 };
    state.measures.push(measure('MS-C3-P9', place, 'Rapport de juin', ['DGOS'], [{ label: 'juin 2020', to: '2020-06-30', text: 'Remise du rapport' }], 9));
    const { db } = openFixtureDb(state);
    // 30 June 22:30 UTC: already 1 July in Paris, so the milestone due 30 June is one day late.
    const now = new Date('2020-07-01T00:30:00+02:00');
    const timeZone = 'Europe/Paris';
    const measures = createMeasures(db, { now: () => now, timeZone });
    const shown = measures.get('MS-C3-P9');
    expect(shown.milestones[0]!.status).toBe('late');
    expect(JSON.stringify(buildMeasureCard(shown, { sourceTitle: 'Ma santé 2022' }).blocks)).toContain('🟠 en retard `MS-C3-P9-J1`');
    const scope: Scope = { kind: 'chantier', number: 3 };
    expect(measures.list(scope).find((m) => m.id === 'MS-C3-P9')?.status).toBe('late');
    expect(measures.getMilestone('MS-C3-P9-J1').milestone.status).toBe('late');

    // What `/mesure retards` and the digest list: the same milestone, late by one day.
    const digest = digestFromSource(loadDigestSource(db, { scope, now, since: now, timeZone }), scope, { timeZone, horizonDays: 14 });
    expect(digest.asOf).toBe('2020-07-01');
    expect(digest.overdue.find((m) => m.id === 'MS-C3-P9-J1')).toMatchObject({ status: 'late', daysLate: 1 });
    // Europe/Paris is the default zone.
    expect(createMeasures(db, { now: () => now }).get('MS-C3-P9').milestones[0]!.status).toBe('late');
    db.close();
  });
});
