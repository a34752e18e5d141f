/** Typed arrays that double when full: the column builders' storage. */
export function growInt32(array: Int32Array, used: number, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const next = new Int32Array(Math.max(needed, array.length * 2, 16));
  next.set(array.subarray(0, used));
  return next;
}

export function growFloat64(array: Float64Array, used: number, needed: number): Float64Array {
  if (needed <= array.length) return array;
  const next = new Float64Array(Math.max(needed, array.length * 2, 16));
  next.set(array.subarray(0, used));
  return next;
}

export function growUint8(array: Uint8Array, used: number, needed: number): Uint8Array {
  if (needed <= array.length) return array;
  const next = new Uint8Array(Math.max(needed, array.length * 2, 16));
  next.set(array.subarray(0, used));
  return next;
}

/** Copies a field's bytes into `target` at `at`, turning each `""` into `"`; returns the new end. */
export function copyUnescaped(bytes: Uint8Array, start: number, end: number, target: Uint8Array, at: number): number {
  let out = at;
  let from = start;
  for (let q = bytes.indexOf(34, from); q >= 0 && q < end; q = bytes.indexOf(34, from)) {
    target.set(bytes.subarray(from, q + 1), out);
    out += q + 1 - from;
    from = q + 2;
  }
  target.set(bytes.subarray(from, end), out);
  return out + end - from;
}
