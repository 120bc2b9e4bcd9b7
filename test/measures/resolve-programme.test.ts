import { describe, expect, it } from 'vitest';
import { resolveScope } from '../../src/digest/load-digest-source.js';
import { resolveProgramme } from '../../src/measures/resolve-programme.js';
import { loadFixture } from './measure-fixture.js';

describe('resolveProgramme', () => {
  it('finds a programme by id or code, in any case', () => {
    const { db } = loadFixture();
    expect(resolveProgramme(db, 'segur').id).toBe('segur');
    expect(resolveProgramme(db, 'MS').id).toBe('ma-sante-2022');
    expect(resolveProgramme(db, 'Ma-Sante-2022').id).toBe('ma-sante-2022');
  });

  it('answers an unknown programme the same way for lists and digests', () => {
    const { db, measures } = loadFixture();
    expect(() => resolveProgramme(db, 'xyz')).toThrow(
      expect.objectContaining({ code: 'not_found', userMessage: 'Programme inconnu : xyz. Programmes : ma-sante-2022, segur.' }),
    );
    // As a scope, the message names every valid scope (programmes included), for lists and digests alike.
    const message = 'Portée inconnue : programme:xyz. Portées valides : chantier:1, chantier:3, pilier:4, programme:ma-sante-2022, programme:segur.';
    expect(() => measures.list({ kind: 'programme', id: 'xyz' })).toThrow(expect.objectContaining({ userMessage: message }));
    expect(() => resolveScope(db, { kind: 'programme', id: 'xyz' })).toThrow(expect.objectContaining({ userMessage: message }));
  });
});
