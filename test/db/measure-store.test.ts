import { describe, expect, it } from 'vitest';
import { appendStatusHistory, readMeasureRevisions, readStoredMeasures, targetKindOf } from '../../src/db/measure-store.js';
import { loadFixture } from '../measures/measure-fixture.js';

describe('measure store', () => {
  it('creates the measure tables', () => {
    const { db } = loadFixture();
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['programmes', 'groups', 'measures', 'milestones', 'pilots', 'aliases', 'status_history']));
  });

  it('keeps status_history append-only', () => {
    const { db } = loadFixture();
    const change = appendStatusHistory(db, {
      targetId: 'MS-C3-P4',
      targetKind: 'measure',
      measureId: 'MS-C3-P4',
      oldStatus: 'planned',
      newStatus: 'done',
      who: 'alice',
      at: '2021-03-01T09:00:00.000Z',
      comment: null,
      origin: 'cli',
    });
    expect(() => db.prepare('UPDATE status_history SET who = ? WHERE id = ?').run('mallory', change.id)).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE status_history SET at = ?, target_id = ? WHERE id = ?').run('2020-01-01', 'X', change.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM status_history').run()).toThrow(/append-only/);
    // Only the target may move: a load renumbers milestones (see applySyncPlan).
    expect(db.prepare('UPDATE status_history SET target_id = ? WHERE id = ?').run('MS-C3-P4-J2', change.id).changes).toBe(1);
  });

  it('refuses an origin or status outside the known ones', () => {
    const { db } = loadFixture();
    const base = { targetId: 'X', targetKind: 'measure' as const, measureId: 'X', oldStatus: null, who: 'a', at: 'now', comment: null };
    expect(() => appendStatusHistory(db, { ...base, newStatus: 'done', origin: 'email' as 'cli' })).toThrow(/CHECK/);
    expect(() => appendStatusHistory(db, { ...base, newStatus: 'finished' as 'done', origin: 'cli' })).toThrow(/CHECK/);
  });

  it('reads measures by ids, chantier, pilier and programme, in catalogue order', () => {
    const { db } = loadFixture();
    const ids = (filter: Parameters<typeof readStoredMeasures>[1]) => readStoredMeasures(db, filter).map((m) => m.id);
    expect(ids({ ids: ['SEGUR-M25', 'MS-C1-P1'] })).toEqual(['MS-C1-P1', 'SEGUR-M25']);
    expect(ids({ chantier: 3 })).toEqual(['MS-C3-P1', 'MS-C3-P1-S1', 'MS-C3-P4']);
    expect(ids({ pilier: 4 })).toEqual(['SEGUR-M24', 'SEGUR-M25']);
    expect(ids({ programme: 'SEGUR' })).toEqual(['SEGUR-M24', 'SEGUR-M25']);
    expect(ids({ programme: 'ms', chantier: 1 })).toEqual(['MS-C1-P1']);
    const [p4] = readStoredMeasures(db, { ids: ['MS-C3-P4'] });
    expect(p4).toMatchObject({ pilots: ['DGOS / CNAM'], aliases: [{ alias: 'SAS', kind: 'alias' }, { alias: 'ACS', kind: 'acronym' }], groupTitle: 'URGENCES ET SOINS NON-PROGRAMMÉS' });
  });

  it('tells measure ids from milestone ids', () => {
    const { db } = loadFixture();
    expect(targetKindOf(db, 'MS-C3-P4')).toBe('measure');
    expect(targetKindOf(db, 'MS-C3-P4-J1')).toBe('milestone');
    expect(targetKindOf(db, 'MS-C3-P4-J2')).toBeNull();
  });

  it('bumps the status revision on each person-set status, the content revision on each load', () => {
    const { db, measures } = loadFixture();
    const before = readMeasureRevisions(db);
    measures.setStatus('MS-C3-P4', { status: 'fait', who: 'a', origin: 'cli' });
    expect(readMeasureRevisions(db)).toEqual({ content: before.content, status: before.status + 1 });
  });
});
