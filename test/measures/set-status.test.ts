import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readMeasureRevisions, readStatusHistory } from '../../src/db/measure-store.js';
import { openDatabase } from '../../src/db/open-database.js';
import { JalonError } from '../../src/domain/errors.js';
import { isUnchanged, setStatus } from '../../src/measures/set-status.js';
import { loadFixture, NOW, tempDbPath } from './measure-fixture.js';

const errorOf = (fn: () => unknown): JalonError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof JalonError) return e;
    throw e;
  }
  throw new Error('expected a JalonError');
};

describe('setStatus', () => {
  it('sets a measure status from a French word and writes the history exactly once', () => {
    const { db, measures } = loadFixture();
    const change = measures.setStatus('MS-C3-P4', { status: 'en cours', who: 'alice', comment: ' relancé ', origin: 'slack' });
    expect(change).toMatchObject({
      targetId: 'MS-C3-P4',
      targetKind: 'measure',
      measureId: 'MS-C3-P4',
      oldStatus: 'planned',
      newStatus: 'in_progress',
      who: 'alice',
      at: NOW.toISOString(),
      comment: 'relancé',
      origin: 'slack',
    });
    expect(readStatusHistory(db, { measureId: 'MS-C3-P4' })).toEqual([change]);
    expect(measures.get('MS-C3-P4')).toMatchObject({ status: 'in_progress', statusSetBy: 'alice', statusSetAt: NOW.toISOString() });
  });

  it('records the shown status as the old one, derived or set', () => {
    const { measures } = loadFixture();
    // MS-C3-P1 has an overdue milestone on NOW: shown late.
    expect(measures.setStatus('MS-C3-P1', { status: 'bloqué', who: 'a', origin: 'cli' }).oldStatus).toBe('late');
    expect(measures.setStatus('MS-C3-P1', { status: 'fait', who: 'b', origin: 'cli' }).oldStatus).toBe('blocked');
  });

  it('sets a milestone status, which feeds its measure’s derived status', () => {
    const { measures } = loadFixture();
    expect(measures.get('MS-C3-P4').status).toBe('planned');
    const change = measures.setStatus('ms-c3-p4-j1', { status: 'done', who: 'bob', origin: 'cli' });
    expect(change).toMatchObject({ targetId: 'MS-C3-P4-J1', targetKind: 'milestone', measureId: 'MS-C3-P4', oldStatus: 'planned' });
    // A done milestone is progress; the measure is done only when something says so for all of it.
    expect(measures.get('MS-C3-P4').status).toBe('in_progress');
    expect(measures.history('MS-C3-P4-J1')).toEqual([change]);
  });

  it('refuses an invalid status with the valid ones, and writes nothing', () => {
    const { db, measures } = loadFixture();
    const error = errorOf(() => measures.setStatus('MS-C3-P4', { status: 'terminé?', who: 'a', origin: 'cli' }));
    expect(error.userMessage).toMatch(/Statuts valides : prévu, en cours, en retard, bloqué, fait, abandonné/);
    expect(readStatusHistory(db, { measureId: 'MS-C3-P4' })).toEqual([]);
  });

  it('the status it already shows, without a comment: unchanged, nothing written', () => {
    const { db, measures } = loadFixture();
    const first = measures.setStatus('MS-C3-P4', { status: 'en cours', who: 'alice', origin: 'slack' });
    const revisions = readMeasureRevisions(db);
    const again = setStatus(db, { kind: 'measure', id: 'MS-C3-P4' }, { status: 'in_progress', who: 'bob', comment: '  ', origin: 'slack' }, NOW);
    expect(isUnchanged(again)).toBe(true);
    expect(again).toMatchObject({ unchanged: true, id: 0, targetId: 'MS-C3-P4', oldStatus: 'in_progress', newStatus: 'in_progress' });
    expect(readStatusHistory(db, { measureId: 'MS-C3-P4' })).toEqual([first]);
    expect(measures.get('MS-C3-P4').statusSetBy).toBe('alice');
    expect(readMeasureRevisions(db)).toEqual(revisions);
    // A derived status counts too: MS-C3-P1 shows late (an overdue milestone).
    const seeded = readStatusHistory(db, { measureId: 'MS-C3-P1' });
    expect(isUnchanged(measures.setStatus('MS-C3-P1', { status: 'en retard', who: 'a', origin: 'cli' }))).toBe(true);
    expect(readStatusHistory(db, { measureId: 'MS-C3-P1' })).toEqual(seeded);
  });

  it('the same status with a comment is a change worth recording', () => {
    const { db, measures } = loadFixture();
    measures.setStatus('MS-C3-P4-J1', { status: 'fait', who: 'alice', origin: 'slack' });
    const commented = measures.setStatus('MS-C3-P4-J1', { status: 'fait', who: 'bob', comment: 'PV signé', origin: 'slack' });
    expect(isUnchanged(commented)).toBe(false);
    expect(readStatusHistory(db, { milestoneId: 'MS-C3-P4-J1' }).map((c) => [c.oldStatus, c.newStatus, c.comment])).toEqual([
      ['planned', 'done', null],
      ['done', 'done', 'PV signé'],
    ]);
  });

  it('refuses an unknown id, suggesting the nearest ones', () => {
    const { measures } = loadFixture();
    const error = errorOf(() => measures.setStatus('MS-C3-P5', { status: 'fait', who: 'a', origin: 'cli' }));
    expect(error.code).toBe('not_found');
    expect(error.userMessage).toMatch(/^Mesure introuvable : MS-C3-P5\. Vouliez-vous dire .*MS-C3-P4.* \?$/);
    expect(errorOf(() => measures.setStatus('MS-C3-P4-J9', { status: 'fait', who: 'a', origin: 'cli' })).userMessage).toMatch(/^Jalon introuvable/);
  });

  it('refuses an empty author', () => {
    const { db } = loadFixture();
    expect(errorOf(() => setStatus(db, { kind: 'measure', id: 'MS-C3-P4' }, { status: 'fait', who: '  ', origin: 'cli' }, NOW)).code).toBe('invalid_input');
  });

  it('loses no update between two connections: each sees the other’s change as the old status', () => {
    const path = tempDbPath();
    loadFixture({ dbPath: path }).db.close();
    const a = openDatabase(path);
    const b = openDatabase(path);
    setStatus(a, { kind: 'measure', id: 'MS-C3-P4' }, { status: 'en cours', who: 'a', origin: 'cli' }, NOW);
    const second = setStatus(b, { kind: 'measure', id: 'MS-C3-P4' }, { status: 'bloqué', who: 'b', origin: 'slack' }, NOW);
    expect(second.oldStatus).toBe('in_progress');
    expect(readStatusHistory(a, { measureId: 'MS-C3-P4' }).map((c) => [c.oldStatus, c.newStatus])).toEqual([
      ['planned', 'in_progress'],
      ['in_progress', 'blocked'],
    ]);
    a.close();
    b.close();
  });

  it('waits for a write lock held by another connection instead of failing', () => {
    const path = tempDbPath();
    loadFixture({ dbPath: path }).db.close();
    const a = openDatabase(path);
    const b = openDatabase(path);
    b.pragma('busy_timeout = 50');
    a.exec('BEGIN IMMEDIATE');
    expect(() => setStatus(b, { kind: 'measure', id: 'MS-C3-P4' }, { status: 'fait', who: 'b', origin: 'cli' }, NOW)).toThrow(/busy|locked/i);
    a.exec('COMMIT');
    expect(setStatus(b, { kind: 'measure', id: 'MS-C3-P4' }, { status: 'fait', who: 'b', origin: 'cli' }, NOW).newStatus).toBe('done');
    a.close();
    b.close();
  });

  it('two processes setting statuses at once: no lost update, each change in history exactly once', async () => {
    const path = tempDbPath();
    loadFixture({ dbPath: path }).db.close();
    const worker = join(import.meta.dirname, 'set-status-worker.ts');
    const startAt = String(Date.now() + 2500);
    const run = (who: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', worker, path, who, '150', startAt], { cwd: join(import.meta.dirname, '../..') });
    await Promise.all([run('p1'), run('p2')]);
    const db = openDatabase(path);
    const history = readStatusHistory(db, { measureId: 'MS-C3-P1' }).filter((c) => c.origin !== 'seed');
    expect(history).toHaveLength(300);
    for (const who of ['p1', 'p2']) {
      expect(history.filter((c) => c.who === who).map((c) => c.comment)).toEqual(Array.from({ length: 150 }, (_, i) => `${who} #${i}`));
    }
    // Each change saw the one before it: the chain of old → new statuses has no gap.
    history.slice(1).forEach((c, i) => expect(c.oldStatus).toBe(history[i]!.newStatus));
    db.close();
  }, 30_000);
});
