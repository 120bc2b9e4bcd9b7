import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { createMeasures } from '../../src/measures/create-measures.js';
import { loadMeasures } from '../../src/measures/load-measures.js';
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

  it('lists the programmes and answers history for unknown ids with suggestions', () => {
    const { measures } = loadFixture();
    expect(measures.programmes().map((p) => p.id)).toEqual(['ma-sante-2022', 'segur']);
    expect(() => measures.history('SEGUR-M99')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
