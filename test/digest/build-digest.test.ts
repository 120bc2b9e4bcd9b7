import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open-database.js';
import { isEmptyDigest, type Digest } from '../../src/digest/build-digest.js';
import { digestFromSource, loadDigestSource, resolveScope } from '../../src/digest/load-digest-source.js';
import type { Scope } from '../../src/domain/types.js';
import { parseScope } from '../../src/measures/list-measures.js';
import { setStatus } from '../../src/measures/set-status.js';
import { openFixtureDb } from './helpers/digest-fixture.js';

const TZ = 'Europe/Paris';
const MONDAY = new Date('2019-10-07T07:00:00Z'); // 09:00 in Paris
const PREVIOUS = new Date('2019-09-30T07:00:00Z');

let db: Db;
beforeEach(() => {
  db = openFixtureDb().db;
});
afterEach(() => db.close());

function digestOf(scopeText: string | null, now = MONDAY, since = PREVIOUS): Digest {
  const scope: Scope | null = scopeText ? resolveScope(db, parseScope(scopeText)) : null;
  const source = loadDigestSource(db, { scope, now, since, timeZone: TZ });
  return digestFromSource(source, scope, { timeZone: TZ, horizonDays: 14 });
}

const set = (id: string, status: string, at: string, comment: string | null = null) =>
  setStatus(db, { kind: 'milestone', id }, { status, who: 'Marie Dupont', comment, origin: 'slack' }, new Date(at));

describe('buildDigest', () => {
  it('lists overdue (latest first, days late), upcoming within the horizon, and counts', () => {
    const d = digestOf('chantier:3');
    expect(d.scope).toBe('chantier:3');
    expect(d.title).toBe('Chantier 3 — URGENCES ET SOINS NON-PROGRAMMÉS');
    expect(d.asOf).toBe('2019-10-07');
    expect(d.overdue.map((m) => [m.id, m.measureId, m.daysLate])).toEqual([
      ['MS-C3-P1-J2', 'MS-C3-P1', 7],
      ['MS-C3-P2-J1', 'MS-C3-P2', 7],
    ]);
    expect(d.upcoming.map((m) => [m.id, m.daysLeft])).toEqual([
      ['MS-C3-P2-J2', 8],
      ['MS-C3-P1-J3', 13],
    ]);
    expect(d.stats).toEqual({ milestones: 6, done: 1, overdue: 2, upcoming: 2 });
    expect(d.overdue[0]).toMatchObject({ due: '2019-09-30', label: 'fin septembre 2019', pilots: ['DGOS', 'CNAM'], measureTitle: "Service d'accès aux soins (SAS)" });
  });

  it('reports changes since the previous digest (who, when, comment), done ones apart, nothing outside the window', () => {
    set('MS-C3-P2-J1', 'en cours', '2019-09-20T10:00:00Z', 'trop tôt'); // before the window
    set('MS-C3-P2-J1', 'bloqué', '2019-10-02T10:00:00Z', 'décret en relecture au CE');
    set('MS-C3-P1-J2', 'fait', '2019-10-03T15:00:00Z');
    const d = digestOf('chantier:3');
    expect(d.changed.map((c) => [c.targetId, c.oldStatus, c.newStatus, c.who, c.at, c.comment])).toEqual([
      ['MS-C3-P2-J1', 'in_progress', 'blocked', 'Marie Dupont', '2019-10-02T10:00:00.000Z', 'décret en relecture au CE'],
    ]);
    expect(d.done.map((m) => [m.id, m.doneBy, m.doneAt])).toEqual([['MS-C3-P1-J2', 'Marie Dupont', '2019-10-03T15:00:00.000Z']]);
    // Done is no longer overdue; blocked still is.
    expect(d.overdue.map((m) => m.id)).toEqual(['MS-C3-P2-J1']);
    expect(d.stats).toMatchObject({ done: 2, overdue: 1 });
  });

  it('replays a past day as it was: statuses set later are not known yet', () => {
    set('MS-C3-P1-J3', 'bloqué', '2019-10-10T08:00:00Z');
    const replay = digestOf('chantier:3');
    expect(replay.upcoming.find((m) => m.id === 'MS-C3-P1-J3')?.status).toBe('planned');
    expect(replay.changed).toEqual([]);
    const later = digestOf('chantier:3', new Date('2019-10-14T07:00:00Z'), MONDAY);
    expect(later.changed.map((c) => c.newStatus)).toEqual(['blocked']);
  });

  it('counts what the document reports as done from its date, as done since then', () => {
    const d = digestOf('chantier:3', new Date('2019-09-30T07:00:00Z'), new Date('2019-09-23T07:00:00Z'));
    expect(d.done.map((m) => [m.id, m.origin, m.doneAt])).toEqual([['MS-C3-P1-J1', 'seed', '2019-09-30T00:00:00.000Z']]);
  });

  it('reads programmes by code or id, pilier scopes, and everything without a scope', () => {
    expect(digestOf('programme:MS').scope).toBe('programme:ma-sante-2022');
    expect(digestOf('programme:MS').title).toBe('Ma santé 2022');
    expect(digestOf('pilier:1').stats.milestones).toBe(1);
    expect(digestOf(null).stats.milestones).toBe(9);
    expect(() => digestOf('programme:inconnu')).toThrow(/unknown scope programme:inconnu/);
    expect(() => digestOf('chantier:42')).toThrow(/unknown scope chantier:42/);
  });

  it('an empty scope has nothing to report', () => {
    const d = digestOf('chantier:5');
    expect(isEmptyDigest(d)).toBe(true);
    expect(d.stats).toEqual({ milestones: 1, done: 0, overdue: 0, upcoming: 0 });
  });

  it('JSON has the documented shape', () => {
    const json = JSON.parse(JSON.stringify(digestOf('chantier:3'))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['scope', 'asOf', 'overdue', 'upcoming', 'changed', 'done', 'stats']));
    expect(Object.keys(json.stats as object)).toEqual(['milestones', 'done', 'overdue', 'upcoming']);
    expect((json.overdue as Record<string, unknown>[])[0]).toMatchObject({ id: 'MS-C3-P1-J2', text: 'Rapport de la mission SAS', measureId: 'MS-C3-P1', daysLate: 7 });
  });
});
