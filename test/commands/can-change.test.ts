import { describe, expect, it } from 'vitest';
import { canChange, coveringChannels, type ChangeCheck } from '../../src/commands/can-change.js';

const C3 = { programme: 'ma-sante-2022', chantier: 3, pilier: null };
const P2 = { programme: 'segur', chantier: null, pilier: 2 };
const subs: ChangeCheck['subscriptions'] = [
  { channel: 'CCHANTIER3', scope: { kind: 'chantier', number: 3 } },
  { channel: 'CPILIER2', scope: { kind: 'pilier', number: 2 } },
  { channel: 'CMS', scope: { kind: 'programme', id: 'ma-sante-2022' } },
];
const check = (over: Partial<ChangeCheck>): ChangeCheck => ({ userId: 'UX', admins: ['UADMIN'], measure: C3, subscriptions: subs, memberOf: new Set(), ...over });
const _ = (over: Partial<ChangeCheck>, expected: Record<string, unknown>) => () => expect(canChange(check(over))).toMatchObject(expected);

describe('canChange', () => {
  it('admin, anything', _({ userId: 'UADMIN', measure: P2 }, { allowed: true, as: 'admin' }));
  it('console, anything', _({ console: true }, { allowed: true, as: 'console' }));
  it('member of the chantier channel', _({ memberOf: new Set(['CCHANTIER3']) }, { allowed: true, as: 'member', channel: 'CCHANTIER3' }));
  it('member of the programme channel', _({ memberOf: new Set(['CMS']) }, { allowed: true, as: 'member', channel: 'CMS' }));
  it('member of another scope only', _({ memberOf: new Set(['CPILIER2']) }, { allowed: false, channels: ['CCHANTIER3', 'CMS'] }));
  it('pilier measure, pilier member', _({ measure: P2, memberOf: new Set(['CPILIER2']) }, { allowed: true, channel: 'CPILIER2' }));
  it('outsider is told the admins', _({}, { allowed: false, admins: ['UADMIN'] }));
  it('no subscription covers', _({ measure: { programme: 'stss', chantier: null, pilier: null } }, { allowed: false, channels: [] }));
  it('no admins configured', _({ admins: [] }, { allowed: false, admins: [] }));
  it(
    'member of a paused subscription only',
    _({ subscriptions: [{ channel: 'CPAUSED', scope: { kind: 'chantier', number: 3 }, paused: true }], memberOf: new Set(['CPAUSED']) }, { allowed: false, channels: [] }),
  );
});

describe('coveringChannels', () => {
  it('each channel once', () => {
    const twice = [...subs, { channel: 'CCHANTIER3', scope: { kind: 'programme' as const, id: 'ma-sante-2022' } }];
    expect(coveringChannels(C3, twice).map((s) => s.channel)).toEqual(['CCHANTIER3', 'CMS']);
  });

  it('leaves paused subscriptions out (no notices there)', () => {
    const paused = [{ ...subs[0]!, paused: true }, subs[1]!, subs[2]!];
    expect(coveringChannels(C3, paused).map((s) => s.channel)).toEqual(['CMS']);
  });
});
