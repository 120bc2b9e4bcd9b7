import { describe, expect, it } from 'vitest';
import { decodeVarints, encodeVarints } from '../../src/db/varints.js';

describe('varints', () => {
  it('round-trips small and large ids, one byte below 128', () => {
    const ids = [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 21, 2 ** 31 + 5];
    expect(decodeVarints(encodeVarints(ids))).toEqual(ids);
    expect(encodeVarints([5, 127]).length).toBe(2);
    expect(encodeVarints([128]).length).toBe(2);
  });

  it('encodes nothing as nothing', () => {
    expect(encodeVarints([]).length).toBe(0);
    expect(decodeVarints(new Uint8Array())).toEqual([]);
  });
});
