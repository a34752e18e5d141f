import type { ExprType } from './ast';
import { type Col, numbers, texts } from './column';

/** Gathers block results into one whole column of the expression's type. */
export function collectBlocks(type: ExprType, n: number) {
  const text = type === 'string' || type === 'category';
  const strs = text ? new Array<string>(n) : null;
  const nums = text ? null : type === 'boolean' ? new Uint8Array(n) : new Float64Array(n);
  let valid: Uint8Array | null = null;

  return {
    /** Where a block's result may be written in place. */
    destination(start: number, m: number) {
      if (nums instanceof Float64Array) return { f64: nums.subarray(start, start + m) };
      if (nums instanceof Uint8Array) return { u8: nums.subarray(start, start + m) };
      return {};
    },
    add(col: Col, start: number, m: number): void {
      const blockValid = col.k === 'const' ? (col.v === null ? new Uint8Array(m) : null) : col.valid;
      if (blockValid !== null) {
        // Allocated on the first block with a null: earlier rows were all present.
        if (valid === null) valid = new Uint8Array(n).fill(1);
        valid.set(blockValid, start);
      }
      if (strs !== null) {
        const values = texts(col, m);
        for (let i = 0; i < m; i++) strs[start + i] = values[i] as string;
      } else if (nums !== null) {
        if (col.k === 'const') nums.fill(col.v === null ? 0 : Number(col.v), start, start + m);
        else {
          const values = numbers(col, m);
          // Already in place when the root wrote into its destination.
          if (values.buffer !== nums.buffer || values.byteOffset !== nums.byteOffset + start * nums.BYTES_PER_ELEMENT)
            nums.set(values, start);
        }
      }
    },
    finish(): Col {
      if (strs !== null) return { k: 'str', v: strs, valid };
      if (nums instanceof Uint8Array) return { k: 'bool', v: nums, valid, tmp: true };
      return { k: 'num', v: nums as Float64Array, valid, tmp: true };
    },
  };
}
