import { makeVector, type Table, type Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { ColumnKeyer } from './column-keyer';
import { type ColumnArrays, columnOf, readColumn } from './columns';
import { PairKeyer } from './encode-keys';
import { joinIndices } from './join-indices';
import { type LookupJoin, planLookupJoin, takeThroughLookup } from './lookup-join';
import { tableFromColumns } from './table-from-columns';
import { concatVectors, flattenData, takeVector } from './take-vector';

/**
 * Options of {@link joinTables}.
 *
 * @example
 * joinTables(orders, customers, { on: [['customer_id', 'id']], how: 'left', suffix: '_customer' })
 */
export interface JoinOptions {
  /** Pairs of [left column, right column] whose values must be equal. */
  on: readonly (readonly [string, string])[];
  how?: 'inner' | 'left' | 'right' | 'full';
  /** Appended to a right column whose name is already taken (default `_right`). */
  suffix?: string;
}

/**
 * Hash join on one or more key pairs, building the hash on the smaller table. Nulls never match (SQL).
 * Rows come in left order (each left row's matches in right order), then unmatched right rows in right
 * order. A key pair with the same name on both sides gives one column: the left one for inner and left
 * joins, the coalesced pair for right and full joins (when both sides have the same type; otherwise the
 * right key stays a column of its own). Other right columns whose names clash get the suffix.
 *
 * @example
 * joinTables(orders, customers, { on: [['customer_id', 'id']], how: 'left' })
 */
export function joinTables(left: Table, right: Table, options: JoinOptions): Table {
  const how = options.how ?? 'inner';
  const suffix = options.suffix ?? '_right';
  if (options.on.length === 0) throw new UserError('CONFIG_INVALID', 'A join needs at least one pair of key columns.');
  const leftKeys = options.on.map(([l]) => columnOf(left, l));
  const rightKeys = options.on.map(([, r]) => columnOf(right, r));
  const buildLeft = left.numRows < right.numRows;
  const build = (buildLeft ? leftKeys : rightKeys).map((v) => readColumn(v));
  const probe = (buildLeft ? rightKeys : leftKeys).map((v) => readColumn(v));
  if (!buildLeft && build.length === 1) {
    const plan = planLookupJoin(probe[0] as ColumnArrays, build[0] as ColumnArrays, how);
    if (plan) return lookupJoinTables(left, right, options, plan, suffix);
  }
  let buildCodes: Int32Array = new Int32Array(0);
  let probeCodes: Int32Array = new Int32Array(0);
  let count = 0;
  build.forEach((column, k) => {
    const keyer = new ColumnKeyer(column);
    const buildIds = keyer.encode('drop');
    let probeIds: Int32Array;
    try {
      probeIds = keyer.lookup(probe[k] as typeof column);
    } catch (cause) {
      const [l, r] = options.on[k] as readonly [string, string];
      throw new UserError('SCHEMA_INVALID', `Cannot join "${l}" with "${r}": their types differ.`, { cause });
    }
    if (k === 0) {
      buildCodes = buildIds;
      probeCodes = probeIds;
      count = keyer.count;
      return;
    }
    const pairs = new PairKeyer(count, keyer.count, column.length);
    buildCodes = pairs.encode(buildCodes, buildIds);
    probeCodes = pairs.lookup(probeCodes, probeIds);
    count = pairs.count;
  });
  const keepLeft = how === 'left' || how === 'full';
  const keepRight = how === 'right' || how === 'full';
  const { leftIndex, rightIndex, leftIsIdentity, leftMissing, rightMissing } = joinIndices(
    buildCodes,
    probeCodes,
    count,
    buildLeft,
    keepLeft,
    keepRight,
  );

  const names: string[] = [];
  const vectors: Vector[] = [];
  const identity = leftIsIdentity || isIdentity(leftIndex, left.numRows);
  const merged = new Set<string>();
  left.schema.fields.forEach((field, c) => {
    const vector = left.getChildAt(c) as Vector;
    const pair = options.on.find(([l, r]) => l === field.name && r === field.name);
    const partner = pair ? right.getChild(field.name) : null;
    names.push(field.name);
    if (partner && keepRight) {
      // A right or full join takes the key from whichever side has the row; only same-typed keys can share a column.
      if (String(partner.type) === String(vector.type)) {
        merged.add(field.name);
        const both = concatVectors([vector, partner]);
        const picks = leftIndex.map((l, j) => (l >= 0 ? l : left.numRows + (rightIndex[j] as number)));
        vectors.push(takeVector(both, picks));
        return;
      }
    } else if (partner) {
      merged.add(field.name);
    }
    vectors.push(identity ? makeVector(flattenData(vector)) : takeVector(vector, leftIndex, leftMissing));
  });
  const taken = new Set(names);
  right.schema.fields.forEach((field, c) => {
    if (merged.has(field.name)) return;
    let name = field.name;
    while (taken.has(name)) name += suffix;
    taken.add(name);
    names.push(name);
    vectors.push(takeVector(right.getChildAt(c) as Vector, rightIndex, rightMissing));
  });
  return tableFromColumns(names, vectors);
}

// Every left row once, in order, beside its right row (or nulls): the left columns are kept as they are.
function lookupJoinTables(left: Table, right: Table, options: JoinOptions, plan: LookupJoin, suffix: string): Table {
  const [l, r] = options.on[0] as readonly [string, string];
  const names = left.schema.fields.map((f) => f.name);
  const vectors = names.map((_, c) => left.getChildAt(c) as Vector);
  const taken = new Set(names);
  right.schema.fields.forEach((field, c) => {
    if (l === r && field.name === r) return;
    let name = field.name;
    while (taken.has(name)) name += suffix;
    taken.add(name);
    names.push(name);
    vectors.push(takeThroughLookup(right.getChildAt(c) as Vector, plan));
  });
  return tableFromColumns(names, vectors);
}

function isIdentity(indices: Int32Array, n: number): boolean {
  if (indices.length !== n) return false;
  for (let i = 0; i < n; i++) if (indices[i] !== i) return false;
  return true;
}
