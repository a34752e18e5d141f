/**
 * Scratch buffers for one evaluation block. While a block is evaluated, kernels take their
 * temporary outputs from here instead of allocating; after the block's result has been copied out,
 * `release` hands every buffer back. Outside a block (whole-table or scalar evaluation, values
 * cached across blocks) nothing is pooled and buffers are plain allocations.
 */
let active = false;
let size = 0;
const free = { f64: [] as Float64Array[], u8: [] as Uint8Array[] };
const used = { f64: [] as Float64Array[], u8: [] as Uint8Array[] };

/** Starts pooling buffers of `blockRows` entries. */
export function beginBlocks(blockRows: number): void {
  if (size !== blockRows) {
    free.f64.length = 0;
    free.u8.length = 0;
    size = blockRows;
  }
  active = true;
}

/** Returns every buffer handed out since the last release. */
export function releaseBlock(): void {
  for (const b of used.f64) free.f64.push(b);
  for (const b of used.u8) free.u8.push(b);
  used.f64.length = 0;
  used.u8.length = 0;
}

/** Stops pooling (the pool keeps its buffers for the next evaluation). */
export function endBlocks(): void {
  releaseBlock();
  active = false;
}

/** Runs `make` with pooling off, for values that must outlive the block. */
export function unpooled<T>(make: () => T): T {
  const was = active;
  active = false;
  try {
    return make();
  } finally {
    active = was;
  }
}

/** A float64 buffer of n entries whose contents are undefined: the caller writes every entry. */
export function scratchF64(n: number): Float64Array {
  if (!active || n > size) return new Float64Array(n);
  const b = free.f64.pop() ?? new Float64Array(size);
  used.f64.push(b);
  return n === size ? b : b.subarray(0, n);
}

/** A byte buffer of n entries whose contents are undefined: the caller writes every entry. */
export function scratchU8(n: number): Uint8Array {
  if (!active || n > size) return new Uint8Array(n);
  const b = free.u8.pop() ?? new Uint8Array(size);
  used.u8.push(b);
  return n === size ? b : b.subarray(0, n);
}
