import { type Data, makeData, makeVector, Type, type Vector } from 'apache-arrow';
import { ColumnKeyer } from './column-keyer';
import type { CategoryColumn, ColumnArrays } from './columns';
import { flattenData, takeVector } from './take-vector';

/**
 * A join that is a dictionary lookup: one key, the left key a category, the right keys unique. Each
 * dictionary entry of the left key then has at most one right row, so the right columns are gathered
 * through `entryRow[codes[i]]` in one pass per column, with no per-row hash probe and no row-index array.
 */
export interface LookupJoin {
  codes: Int32Array;
  /** Right row of each dictionary entry (-1 = no match); the last slot is for null keys (always -1). */
  entryRow: Int32Array;
  valid: Uint8Array | null;
  /** Whether some left row has no right row (a null key or an unmatched entry in use). */
  missing: boolean;
}

/**
 * The lookup plan, or null when the join is not that shape (the general hash join handles it).
 * Only worth it for inner and left joins: an inner join with unmatched rows also returns null, as it
 * drops rows and needs row indices.
 */
export function planLookupJoin(probe: ColumnArrays, build: ColumnArrays, how: 'inner' | 'left' | 'right' | 'full'): LookupJoin | null {
  if (how !== 'inner' && how !== 'left') return null;
  if (probe.kind !== 'category' || (build.kind !== 'string' && build.kind !== 'category')) return null;
  const keyer = new ColumnKeyer(build);
  const ids = keyer.encode('drop');
  const idRow = new Int32Array(keyer.count).fill(-1);
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r] as number;
    if (id < 0) continue;
    if ((idRow[id] as number) >= 0) return null;
    idRow[id] = r;
  }
  const entryIds = keyer.lookupDictionary(probe.dictionary);
  const entryRow = new Int32Array(entryIds.length + 1).fill(-1);
  for (let e = 0; e < entryIds.length; e++) {
    const id = entryIds[e] as number;
    if (id >= 0) entryRow[e] = idRow[id] as number;
  }
  const missing = anyMissing(probe, entryRow);
  if (missing && how === 'inner') return null;
  return { codes: probe.codes, entryRow, valid: probe.valid, missing };
}

// Whether a row in use maps to no right row; entries no row uses do not count.
function anyMissing(probe: CategoryColumn, entryRow: Int32Array): boolean {
  const { codes, valid } = probe;
  if (valid) for (let i = 0; i < codes.length; i++) if (!valid[i]) return true;
  let allMatched = true;
  for (let e = 0; e < entryRow.length - 1; e++) if ((entryRow[e] as number) < 0) allMatched = false;
  if (allMatched) return false;
  for (let i = 0; i < codes.length; i++) if ((entryRow[codes[i] as number] as number) < 0) return true;
  return false;
}

type FixedArray = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * One right column gathered for every left row. A fixed-width column without nulls and a plan without
 * misses take one fused pass; anything else goes through row indices and the general gather.
 */
export function takeThroughLookup(vector: Vector, plan: LookupJoin): Vector {
  const data = flattenData(vector);
  const { codes, entryRow } = plan;
  const n = codes.length;
  const values = data.values as unknown;
  const fixed = (data.typeId === Type.Int || data.typeId === Type.Float) && data.stride === 1 && !(values instanceof BigInt64Array);
  if (fixed && data.nullCount === 0 && !plan.missing && !(values instanceof BigUint64Array)) {
    // A sliced Data's values already start at its first row (only bitmaps are read through the offset).
    const src = values as FixedArray;
    const out = new (src.constructor as new (n: number) => FixedArray)(n);
    for (let i = 0; i < n; i++) out[i] = src[entryRow[codes[i] as number] as number] as number;
    return makeVector(makeData({ type: data.type, length: n, data: out } as Parameters<typeof makeData>[0]) as Data);
  }
  const rows = new Int32Array(n);
  const valid = plan.valid;
  const nullSlot = entryRow.length - 1;
  for (let i = 0; i < n; i++) rows[i] = entryRow[valid && !valid[i] ? nullSlot : (codes[i] as number)] as number;
  return takeVector(vector, rows, plan.missing);
}
