/**
 * The row pairs of a hash join. `buildCodes`/`probeCodes` are dense key ids (-1 = no match possible).
 * Pairs come out in left order, then unmatched right rows; -1 marks the missing side of an outer row.
 *
 * @example
 * joinIndices(rightCodes, leftCodes, count, false, true, false) // a left join with the hash on the right
 */
export function joinIndices(
  buildCodes: Int32Array,
  probeCodes: Int32Array,
  count: number,
  buildIsLeft: boolean,
  keepLeft: boolean,
  keepRight: boolean,
): JoinPairs {
  const keepProbe = buildIsLeft ? keepRight : keepLeft;
  const keepBuild = buildIsLeft ? keepLeft : keepRight;
  const nb = buildCodes.length;
  const np = probeCodes.length;
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < nb; i++) {
    const c = buildCodes[i] as number;
    if (c >= 0) starts[c + 1] = (starts[c + 1] as number) + 1;
  }
  let unique = true;
  for (let c = 0; c < count; c++) {
    if ((starts[c + 1] as number) > 1) unique = false;
    starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
  }
  const rows = new Int32Array(starts[count] as number);
  const fill = starts.slice(0, count);
  for (let i = 0; i < nb; i++) {
    const c = buildCodes[i] as number;
    if (c < 0) continue;
    rows[fill[c] as number] = i;
    fill[c] = (fill[c] as number) + 1;
  }
  if (unique && !buildIsLeft && !keepBuild) return uniqueRight(rows, probeCodes, keepProbe);
  let total = 0;
  for (let p = 0; p < np; p++) {
    const c = probeCodes[p] as number;
    const m = c >= 0 ? (starts[c + 1] as number) - (starts[c] as number) : 0;
    total += m > 0 ? m : keepProbe ? 1 : 0;
  }
  const matched = keepBuild ? new Uint8Array(nb) : null;
  let probeIndex = new Int32Array(total);
  let buildIndex = new Int32Array(total);
  let j = 0;
  let probeUnmatched = 0;
  for (let p = 0; p < np; p++) {
    const c = probeCodes[p] as number;
    const from = c >= 0 ? (starts[c] as number) : 0;
    const to = c >= 0 ? (starts[c + 1] as number) : 0;
    if (from === to) {
      if (keepProbe) {
        probeIndex[j] = p;
        buildIndex[j++] = -1;
        probeUnmatched++;
      }
      continue;
    }
    for (let k = from; k < to; k++) {
      const b = rows[k] as number;
      probeIndex[j] = p;
      buildIndex[j++] = b;
      if (matched) matched[b] = 1;
    }
  }
  let buildUnmatched = 0;
  if (matched) {
    let unmatched = 0;
    for (let b = 0; b < nb; b++) if (!matched[b]) unmatched++;
    const grownProbe = new Int32Array(total + unmatched);
    const grownBuild = new Int32Array(total + unmatched);
    grownProbe.set(probeIndex);
    grownBuild.set(buildIndex);
    for (let b = 0; b < nb; b++) {
      if (matched[b]) continue;
      grownProbe[j] = -1;
      grownBuild[j++] = b;
    }
    probeIndex = grownProbe;
    buildIndex = grownBuild;
    buildUnmatched = unmatched;
  }
  // A -1 in the build side's indices comes from an unmatched probe row, and the other way round.
  const buildMissing = probeUnmatched > 0;
  const probeMissing = buildUnmatched > 0;
  if (!buildIsLeft)
    return { leftIndex: probeIndex, rightIndex: buildIndex, leftIsIdentity: false, leftMissing: probeMissing, rightMissing: buildMissing };
  return { ...leftOrder(buildIndex, probeIndex, nb), leftIsIdentity: false, leftMissing: buildMissing, rightMissing: probeMissing };
}

/**
 * Row pairs of a join, plus what the caller can skip: when `leftIsIdentity` the left rows are exactly
 * 0 … n-1 in order and `leftIndex` is left empty; `leftMissing` / `rightMissing` false means no -1
 * in `leftIndex` / `rightIndex` (the gathers then skip null handling).
 */
export interface JoinPairs {
  leftIndex: Int32Array;
  rightIndex: Int32Array;
  leftIsIdentity: boolean;
  leftMissing: boolean;
  rightMissing: boolean;
}

// Right keys are unique and the hash is on the right (a lookup table): one pass, each left row has ≤ 1 match.
function uniqueRight(rows: Int32Array, probeCodes: Int32Array, keepLeft: boolean): JoinPairs {
  const np = probeCodes.length;
  const rightIndex = new Int32Array(np);
  let unmatched = 0;
  for (let p = 0; p < np; p++) {
    const c = probeCodes[p] as number;
    const r = c >= 0 ? (rows[c] as number) : -1;
    rightIndex[p] = r;
    if (r < 0) unmatched++;
  }
  if (keepLeft || unmatched === 0)
    return { leftIndex: new Int32Array(0), rightIndex, leftIsIdentity: true, leftMissing: false, rightMissing: unmatched > 0 };
  const leftIndex = new Int32Array(np - unmatched);
  const kept = new Int32Array(np - unmatched);
  let j = 0;
  for (let p = 0; p < np; p++) {
    const r = rightIndex[p] as number;
    if (r < 0) continue;
    leftIndex[j] = p;
    kept[j++] = r;
  }
  return { leftIndex, rightIndex: kept, leftIsIdentity: false, leftMissing: false, rightMissing: false };
}

// Stable counting sort of the pairs by left row; pairs without a left row (unmatched right rows) go last.
function leftOrder(leftIndex: Int32Array, rightIndex: Int32Array, nLeft: number): { leftIndex: Int32Array; rightIndex: Int32Array } {
  const m = leftIndex.length;
  const starts = new Int32Array(nLeft + 2);
  for (let j = 0; j < m; j++) {
    const l = leftIndex[j] as number;
    const slot = l < 0 ? nLeft + 1 : l + 1;
    starts[slot] = (starts[slot] as number) + 1;
  }
  for (let s = 1; s < starts.length; s++) starts[s] = (starts[s] as number) + (starts[s - 1] as number);
  const outLeft = new Int32Array(m);
  const outRight = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const l = leftIndex[j] as number;
    const slot = l < 0 ? nLeft : l;
    const at = starts[slot] as number;
    starts[slot] = at + 1;
    outLeft[at] = l;
    outRight[at] = rightIndex[j] as number;
  }
  return { leftIndex: outLeft, rightIndex: outRight };
}
