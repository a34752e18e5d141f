/** Index of the largest value in each row of a row-major n × k array (the first one on ties). */
export function argmaxRows(values: Float64Array, k: number): Int32Array {
  const n = values.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if ((values[i * k + c] as number) > (values[i * k + best] as number)) best = c;
    out[i] = best;
  }
  return out;
}
