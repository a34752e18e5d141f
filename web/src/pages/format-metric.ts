/** A metric as the Models page shows it: counts as whole numbers, scores with four decimals. */
export function formatMetric(n: number | null, signed = false): string {
  if (n === null) return '—';
  const text = Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(4);
  return signed && n > 0 ? `+${text}` : text;
}
