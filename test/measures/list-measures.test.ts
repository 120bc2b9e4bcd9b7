import { describe, expect, it } from 'vitest';
import { JalonError } from '../../src/domain/errors.js';
import type { Scope } from '../../src/domain/types.js';
import { formatScope, parseScope } from '../../src/measures/list-measures.js';
import { loadFixture } from './measure-fixture.js';

const _ = (text: string, scope: Scope) => it(`${text} → ${formatScope(scope)}`, () => expect(parseScope(text)).toEqual(scope));

describe('parseScope', () => {
  _('chantier:3', { kind: 'chantier', number: 3 });
  _('Chantier 3', { kind: 'chantier', number: 3 });
  _('chantier : 10', { kind: 'chantier', number: 10 });
  _('pilier:2', { kind: 'pilier', number: 2 });
  _('PILIER=4', { kind: 'pilier', number: 4 });
  _('programme:segur', { kind: 'programme', id: 'segur' });
  _('programme:Ségur', { kind: 'programme', id: 'segur' });
  _('programme:MS', { kind: 'programme', id: 'ms' });
  _('programme:ma-sante-2022', { kind: 'programme', id: 'ma-sante-2022' });

  it.each(['chantier', 'chantier:x', 'chantier:0', 'pilier:-1', 'axe:2', ''])('refuses %j with examples', (text) => {
    expect(() => parseScope(text)).toThrow(JalonError);
    expect(() => parseScope(text)).toThrow(/invalid scope/);
  });

  it('round-trips through formatScope', () => {
    for (const text of ['chantier:3', 'pilier:2', 'programme:segur']) expect(formatScope(parseScope(text))).toBe(text);
  });
});

describe('measures.list', () => {
  const { measures } = loadFixture();
  const ids = (scope: Scope | null) => measures.list(scope).map((m) => m.id);

  it('lists a chantier, sub-projects included, in document order', () => {
    expect(ids(parseScope('chantier:3'))).toEqual(['MS-C3-P1', 'MS-C3-P1-S1', 'MS-C3-P4']);
  });

  it('lists a pilier', () => expect(ids(parseScope('pilier:4'))).toEqual(['SEGUR-M24', 'SEGUR-M25']));

  it('lists a programme by id or by code', () => {
    expect(ids(parseScope('programme:ségur'))).toEqual(['SEGUR-M24', 'SEGUR-M25']);
    expect(ids(parseScope('programme:MS'))).toEqual(['MS-C1-P1', 'MS-C3-P1', 'MS-C3-P1-S1', 'MS-C3-P4']);
  });

  it('lists everything without a scope; an unknown chantier is an error, never an empty list', () => {
    expect(ids(null)).toHaveLength(6);
    expect(() => ids(parseScope('chantier:9'))).toThrow(
      expect.objectContaining({ exitCode: 2, userMessage: 'Portée inconnue : chantier:9. Portées valides : chantier:1, chantier:3, pilier:4, programme:ma-sante-2022, programme:segur.' }),
    );
  });

  it('names the valid scopes, programmes included, when a programme is unknown', () => {
    expect(() => measures.list(parseScope('programme:xyz'))).toThrow(
      expect.objectContaining({ userMessage: 'Portée inconnue : programme:xyz. Portées valides : chantier:1, chantier:3, pilier:4, programme:ma-sante-2022, programme:segur.' }),
    );
  });

  it('derives statuses for today', () => {
    const byId = new Map(measures.list(null).map((m) => [m.id, m.status]));
    expect(Object.fromEntries(byId)).toEqual({
      'MS-C1-P1': 'planned',
      'MS-C3-P1': 'late',
      'MS-C3-P1-S1': 'planned',
      'MS-C3-P4': 'planned',
      'SEGUR-M24': 'late',
      // One milestone reported done, the other due later: in progress.
      'SEGUR-M25': 'in_progress',
    });
  });
});
