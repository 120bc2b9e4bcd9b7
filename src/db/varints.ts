/**
 * Unsigned LEB128 varints: a passage's term ids take one or two bytes each instead of the four of
 * an integer array, which keeps the on-disk index small (store size is a figure of issue 11).
 */
export function encodeVarints(values: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(values.length * 5);
  let at = 0;
  for (let v of values) {
    while (v >= 0x80) {
      out[at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    out[at++] = v;
  }
  return out.subarray(0, at);
}

export function decodeVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let value = 0;
  let scale = 1;
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      out.push(value);
      value = 0;
      scale = 1;
    } else {
      scale *= 128;
    }
  }
  return out;
}
