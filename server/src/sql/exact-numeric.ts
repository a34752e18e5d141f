/**
 * A PostgreSQL NUMERIC as a number when the double holds it exactly, else its exact text: a column
 * with any such value becomes text, so no decimal is rounded silently (`12345678901234567.89`).
 */
export function exactNumeric(text: string): number | string {
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  return canonical(text) === canonical(String(value)) ? value : text;
}

// Sign, digits without leading zeros, fraction without trailing zeros: '-007.50' → '-7.5', '0.0' → '0'.
function canonical(decimal: string): string | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(decimal);
  if (!match) return undefined;
  const whole = (match[2] ?? '').replace(/^0+/, '') || '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const digits = fraction ? `${whole}.${fraction}` : whole;
  return digits === '0' ? '0' : `${match[1] === '-' ? '-' : ''}${digits}`;
}
