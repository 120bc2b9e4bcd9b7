import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMeasureRevisions, readStatusHistory } from '../../src/db/measure-store.js';
import { openDatabase } from '../../src/db/open-database.js';
import { JalonError } from '../../src/domain/errors.js';
import { loadMeasures } from '../../src/measures/load-measures.js';
import { GLOSSARY, loadFixture, MS_YML, PROGRAMMES_YML, SEGUR_YML, writeKnowledge } from './measure-fixture.js';

describe('loadMeasures', () => {
  it('loads programmes, measures and milestones with derived ids, groups and dates', () => {
    const { report, measures } = loadFixture();
    expect(report).toMatchObject({ changed: true, programmes: 2, measures: 6, milestones: 8 });
    const p1 = measures.get('MS-C3-P1');
    expect(p1).toMatchObject({ programme: 'ma-sante-2022', chantier: 3, pilier: null, mesure: null, group: 'MS-C3' });
    expect(p1.start).toEqual({ label: 'Septembre 2019', from: '2019-09-01', to: '2019-09-30' });
    expect(p1.milestones.map((m) => m.id)).toEqual(['MS-C3-P1-J1', 'MS-C3-P1-J2', 'MS-C3-P1-J3']);
    expect(p1.milestones[1]).toMatchObject({ label: 'T1 2020', from: '2020-01-01', to: '2020-03-31', due: '2020-03-31' });
    expect(p1.source).toEqual({ file: '003_ms.txt', lines: [60, 90] });
    // Pilier and document number for a Ségur measure.
    expect(measures.get('SEGUR-M25')).toMatchObject({ chantier: null, pilier: 4, mesure: 25 });
  });

  it('keeps an unreadable date label as text with no dates: never invented', () => {
    const { measures } = loadFixture();
    expect(measures.get('MS-C3-P1').milestones[2]).toMatchObject({ label: 'été', from: null, to: null, due: null });
  });

  it('gives a sub-project its parent’s group and chantier', () => {
    const { measures } = loadFixture();
    expect(measures.get('MS-C3-P1-S1')).toMatchObject({ group: 'MS-C3', chantier: 3, parent: 'MS-C3-P1' });
  });

  it('adds glossary acronyms whose expansion a title spells out, without duplicating aliases', () => {
    const { measures } = loadFixture();
    expect(measures.get('MS-C3-P4').aliases).toEqual(['SAS', 'ACS']);
    expect(measures.get('MS-C3-P1-S1').aliases).toEqual(['MMG']);
  });

  it('is idempotent: a second load of the same files writes nothing', () => {
    const { db, dir } = loadFixture();
    const before = readMeasureRevisions(db);
    const again = loadMeasures(db, dir, { glossary: GLOSSARY });
    expect(again.changed).toBe(false);
    expect(readMeasureRevisions(db)).toEqual(before);
  });

  it('refreshes curated fields but keeps statuses people set and the history', () => {
    const { db, dir, measures } = loadFixture();
    measures.setStatus('MS-C3-P1', { status: 'bloqué', who: 'alice', origin: 'cli' });
    measures.setStatus('MS-C3-P1-J2', { status: 'fait', who: 'bob', origin: 'slack' });
    writeFileSync(join(dir, 'ms.yml'), MS_YML.replace('Pacte de refondation des urgences', 'Pacte de refondation des urgences (révisé)'));
    expect(loadMeasures(db, dir, { glossary: GLOSSARY }).changed).toBe(true);
    const p1 = measures.get('MS-C3-P1');
    expect(p1.title).toBe('Pacte de refondation des urgences (révisé)');
    expect(p1).toMatchObject({ status: 'blocked', statusSetBy: 'alice' });
    expect(p1.milestones[1]).toMatchObject({ status: 'done', statusSetBy: 'bob' });
    const people = measures.history('MS-C3-P1').filter((c) => c.origin !== 'seed');
    expect(people.map((c) => [c.targetId, c.newStatus])).toEqual([
      ['MS-C3-P1', 'blocked'],
      ['MS-C3-P1-J2', 'done'],
    ]);
  });

  it('carries a person-set milestone status along when a curator inserts a milestone before it', () => {
    const { db, dir, measures } = loadFixture();
    measures.setStatus('MS-C3-P1-J2', { status: 'en cours', who: 'bob', origin: 'cli' });
    const inserted = MS_YML.replace(
      `      - kind: planned
        label: "T1 2020"`,
      `      - kind: planned
        label: "Décembre 2019"
        text: "Concertation"
        lines: [71, 71]
      - kind: planned
        label: "T1 2020"`,
    );
    writeFileSync(join(dir, 'ms.yml'), inserted);
    loadMeasures(db, dir, { glossary: GLOSSARY });
    const milestones = measures.get('MS-C3-P1').milestones;
    expect(milestones.map((m) => [m.id, m.text, m.statusSetBy])).toEqual([
      ['MS-C3-P1-J1', 'Annonce du pacte', null],
      ['MS-C3-P1-J2', 'Concertation', null],
      ['MS-C3-P1-J3', 'Premières mesures du pacte', 'bob'],
      ['MS-C3-P1-J4', "Bilan d'étape", null],
    ]);
    expect(milestones[2]!.status).toBe('in_progress');
  });

  it('deletes a measure that left knowledge/ unless people touched it: then it is retired, kept and hidden', () => {
    const { db, dir, measures } = loadFixture();
    measures.setStatus('SEGUR-M24', { status: 'fait', who: 'alice', origin: 'cli' });
    writeFileSync(join(dir, 'segur.yml'), SEGUR_YML.replace(/measures:[\s\S]*$/, 'measures: []\n'));
    const report = loadMeasures(db, dir, { glossary: GLOSSARY });
    expect(report.retired).toEqual(['SEGUR-M24']);
    expect(report.removed).toEqual(['SEGUR-M25']);
    expect(measures.list({ kind: 'programme', id: 'segur' })).toEqual([]);
    expect(measures.find('SEGUR-M24')).toEqual([]);
    expect(measures.lint().find((i) => i.id === 'SEGUR-M24')?.message).toMatch(/ne figure plus/);
    // History outlives the record.
    expect(readStatusHistory(db, { measureId: 'SEGUR-M24' }).map((c) => c.who)).toEqual(['alice']);
    // Coming back un-retires it, with its status.
    writeFileSync(join(dir, 'segur.yml'), SEGUR_YML);
    loadMeasures(db, dir, { glossary: GLOSSARY });
    expect(measures.get('SEGUR-M24')).toMatchObject({ status: 'done', statusSetBy: 'alice' });
  });

  it('records what the documents report in the history, once, as origin seed', () => {
    const { db, dir, measures } = loadFixture();
    const seed = measures.history('MS-C3-P1');
    expect(seed).toEqual([
      expect.objectContaining({ targetId: 'MS-C3-P1-J1', oldStatus: null, newStatus: 'done', origin: 'seed', who: '003_ms.txt', at: '2019-09-30T00:00:00.000Z' }),
    ]);
    writeFileSync(join(dir, 'ms.yml'), MS_YML.replace('Premières mesures du pacte"', 'Premières mesures du pacte"\n        done: true'));
    loadMeasures(db, dir, { glossary: GLOSSARY });
    loadMeasures(db, dir, { glossary: GLOSSARY });
    expect(measures.history('MS-C3-P1-J2')).toEqual([expect.objectContaining({ oldStatus: 'planned', newStatus: 'done', origin: 'seed' })]);
  });

  it('names file and line of malformed YAML', () => {
    const dir = writeKnowledge({ 'programmes.yml': PROGRAMMES_YML, 'ms.yml': 'programme: ma-sante-2022\nmeasures:\n  - id: [unclosed\n' });
    const db = openDatabase(':memory:');
    const error = (() => {
      try {
        loadMeasures(db, dir);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(JalonError);
    expect((error as JalonError).userMessage).toMatch(/^YAML invalide : ms\.yml:\d+$/);
  });

  it('names file and line of a schema violation', () => {
    const dir = writeKnowledge({ 'programmes.yml': PROGRAMMES_YML, 'ms.yml': MS_YML.replace('kind: project\n    title: "Pacte', 'kind: projet\n    title: "Pacte') });
    expect(() => loadMeasures(openDatabase(':memory:'), dir)).toThrow(/ms\.yml:\d+: measures\.1\.kind/);
  });

  it('loads nothing, without failing, when there is no measures directory', () => {
    const report = loadMeasures(openDatabase(':memory:'), join(writeKnowledge({}), 'missing'));
    expect(report).toMatchObject({ changed: false, measures: 0 });
  });
});
