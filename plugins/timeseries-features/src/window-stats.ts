/** The statistics a rolling window can compute. */
export const windowStats = ['mean', 'sum', 'min', 'max', 'std'] as const;
export type WindowStat = (typeof windowStats)[number];

/** Output arrays of one column's rolling statistics, only for the statistics asked for: values and one validity byte per row. */
export type StatColumns = Partial<Record<WindowStat, { values: Float64Array; valid: Uint8Array }>>;

/**
 * Rolling statistics over `positions` of one series (row indices in time order): each row's window is
 * itself and the `window - 1` rows before it. Null values are skipped; a window with fewer than
 * `minPeriods` values (2 for std, the sample standard deviation) gives null. Sums are of values minus
 * the series' first value, so the variance keeps its precision far from zero.
 */
export function rollSeries(
  positions: Int32Array,
  values: Float64Array,
  valid: Uint8Array | null,
  window: number,
  minPeriods: number,
  out: StatColumns,
): void {
  const n = positions.length;
  const present = (p: number) => !valid || valid[positions[p] as number] === 1;
  const { mean: meanOut, sum: sumOut, min: minOut, max: maxOut, std: stdOut } = out;
  let shift = 0;
  for (let p = 0; p < n; p++) {
    if (present(p)) {
      shift = values[positions[p] as number] as number;
      break;
    }
  }
  let count = 0;
  let sum = 0;
  let squares = 0;
  // Monotonic deques of positions: the front is the window's min (max).
  const minQueue = new Int32Array(out.min ? n : 0);
  const maxQueue = new Int32Array(out.max ? n : 0);
  let minHead = 0;
  let minTail = 0;
  let maxHead = 0;
  let maxTail = 0;
  for (let p = 0; p < n; p++) {
    const row = positions[p] as number;
    if (present(p)) {
      const x = values[row] as number;
      const d = x - shift;
      count++;
      sum += d;
      squares += d * d;
      if (minOut) {
        while (minTail > minHead && (values[positions[minQueue[minTail - 1] as number] as number] as number) >= x) minTail--;
        minQueue[minTail++] = p;
      }
      if (maxOut) {
        while (maxTail > maxHead && (values[positions[maxQueue[maxTail - 1] as number] as number] as number) <= x) maxTail--;
        maxQueue[maxTail++] = p;
      }
    }
    const leaving = p - window;
    if (leaving >= 0 && present(leaving)) {
      const d = (values[positions[leaving] as number] as number) - shift;
      count--;
      sum -= d;
      squares -= d * d;
    }
    while (minTail > minHead && (minQueue[minHead] as number) <= leaving) minHead++;
    while (maxTail > maxHead && (maxQueue[maxHead] as number) <= leaving) maxHead++;
    if (count < minPeriods || count === 0) continue;
    const mean = sum / count;
    if (sumOut) set(sumOut, row, sum + shift * count);
    if (meanOut) set(meanOut, row, mean + shift);
    if (minOut) set(minOut, row, values[positions[minQueue[minHead] as number] as number] as number);
    if (maxOut) set(maxOut, row, values[positions[maxQueue[maxHead] as number] as number] as number);
    if (stdOut && count >= 2) set(stdOut, row, Math.sqrt(Math.max(0, (squares - sum * mean) / (count - 1))));
  }
}

function set(target: { values: Float64Array; valid: Uint8Array }, row: number, value: number): void {
  target.values[row] = value;
  target.valid[row] = 1;
}
