import type { ExprType } from './ast';
import { andValid, type Col, numbers, validOf } from './column';
import { scratchF64 } from './scratch';

/** A function kernel: whole-column arguments in, a whole column out. */
export type Kernel = (args: Col[], n: number, argTypes: ExprType[]) => Col;

const arg = (args: Col[], i: number): Col => args[i] ?? { k: 'const', v: null };

// Results that are not finite numbers (sqrt(-1), ln(0), overflow) are null rather than NaN or Infinity.
function nullWhereNotFinite(out: Float64Array, valid: Uint8Array | null, n: number): Uint8Array | null {
  let result = valid;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(out[i] as number) && (result === null || result[i] === 1)) {
      if (result === valid) result = valid === null ? new Uint8Array(n).fill(1) : valid.slice();
      (result as Uint8Array)[i] = 0;
    }
  }
  return result;
}

/** Maps one numeric column through `f`. */
export function map1(a: Col, n: number, f: (x: number) => number, finiteOnly = false): Col {
  const x = numbers(a, n);
  const out = scratchF64(n);
  for (let i = 0; i < n; i++) out[i] = f(x[i] as number);
  const valid = validOf(a, n);
  return { k: 'num', v: out, valid: finiteOnly ? nullWhereNotFinite(out, valid, n) : valid, tmp: true };
}

/** Maps two numeric columns through `f`. */
export function map2(a: Col, b: Col, n: number, f: (x: number, y: number) => number, finiteOnly = false): Col {
  const x = numbers(a, n);
  const y = numbers(b, n);
  const out = scratchF64(n);
  for (let i = 0; i < n; i++) out[i] = f(x[i] as number, y[i] as number);
  const valid = andValid(validOf(a, n), validOf(b, n), n);
  return { k: 'num', v: out, valid: finiteOnly ? nullWhereNotFinite(out, valid, n) : valid, tmp: true };
}

/** Rounds `magnitude`'s shortest decimal form half up at `10^-digits`, exactly (BigInt on its digits). */
function roundShortestDecimal(magnitude: number, digits: number): number {
  const [mantissa = '', exponent = '0'] = String(magnitude).split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  // magnitude = (whole fraction) × 10^-scale
  const scale = fraction.length - Number(exponent);
  if (scale <= digits) return magnitude;
  const unit = 10n ** BigInt(scale - digits);
  const kept = (BigInt(whole + fraction) + unit / 2n) / unit;
  return Number(`${kept}e${-digits}`);
}

/**
 * Rounds half away from zero to `digits` decimals (negative digits round to tens, hundreds…), on the
 * number's decimal value (its shortest decimal form, as printed) like PostgreSQL's numeric and
 * spreadsheets: round(2.675, 2) = 2.68 and round(1.005, 2) = 1.01, though both doubles lie below the half.
 */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const magnitude = Math.abs(x);
  if (Math.abs(digits) <= 22) {
    const f = 10 ** Math.abs(digits);
    const scaled = digits < 0 ? magnitude / f : magnitude * f;
    const distance = Math.abs(scaled - Math.floor(scaled) - 0.5);
    // Away from a half the double and its decimal form round alike; near one only the decimal can tell.
    if (distance > scaled * 1e-14) {
      const whole = Math.round(scaled);
      return Math.sign(x) * (digits < 0 ? whole * f : whole / f);
    }
  }
  return Math.sign(x) * roundShortestDecimal(magnitude, digits);
}

function extreme(args: Col[], n: number, wantMax: boolean): Col {
  const out = new Float64Array(n);
  const valid = new Uint8Array(n);
  // Nulls are skipped; a row is null only when every argument is.
  for (const a of args) {
    if (a.k === 'const' && a.v === null) continue;
    const x = numbers(a, n);
    const va = validOf(a, n);
    for (let i = 0; i < n; i++) {
      if (va !== null && va[i] === 0) continue;
      const xi = x[i] as number;
      if (valid[i] === 0 || (wantMax ? xi > (out[i] as number) : xi < (out[i] as number))) out[i] = xi;
      valid[i] = 1;
    }
  }
  return { k: 'num', v: out, valid, tmp: true };
}

const msPerDay = 86_400_000;

/** Year, month (1–12) and day (1–31) of a day count since 1970-01-01, proleptic Gregorian (H. Hinnant's algorithm). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const dayOf = (ms: number) => Math.floor(ms / msPerDay);

/** The math and date kernels, by function name. */
export const mathKernels = new Map<string, Kernel>([
  ['abs', (a, n) => map1(arg(a, 0), n, Math.abs)],
  ['floor', (a, n) => map1(arg(a, 0), n, Math.floor)],
  ['ceil', (a, n) => map1(arg(a, 0), n, Math.ceil)],
  ['round', (a, n) => (a.length === 1 ? map1(arg(a, 0), n, (x) => roundTo(x, 0)) : map2(arg(a, 0), arg(a, 1), n, roundTo, true))],
  ['sqrt', (a, n) => map1(arg(a, 0), n, Math.sqrt, true)],
  ['ln', (a, n) => map1(arg(a, 0), n, Math.log, true)],
  ['log10', (a, n) => map1(arg(a, 0), n, Math.log10, true)],
  ['exp', (a, n) => map1(arg(a, 0), n, Math.exp, true)],
  ['pow', (a, n) => map2(arg(a, 0), arg(a, 1), n, Math.pow, true)],
  ['min', (a, n) => extreme(a, n, false)],
  ['max', (a, n) => extreme(a, n, true)],
  ['year', (a, n) => map1(arg(a, 0), n, (ms) => civilFromDays(dayOf(ms))[0])],
  ['month', (a, n) => map1(arg(a, 0), n, (ms) => civilFromDays(dayOf(ms))[1])],
  ['day', (a, n) => map1(arg(a, 0), n, (ms) => civilFromDays(dayOf(ms))[2])],
  // ISO weekday: Monday 1 … Sunday 7; 1970-01-01 was a Thursday.
  ['weekday', (a, n) => map1(arg(a, 0), n, (ms) => ((((dayOf(ms) + 3) % 7) + 7) % 7) + 1)],
  ['hour', (a, n) => map1(arg(a, 0), n, (ms) => Math.floor((ms - dayOf(ms) * msPerDay) / 3_600_000))],
  ['date_diff_days', (a, n) => map2(arg(a, 0), arg(a, 1), n, (x, y) => (x - y) / msPerDay)],
]);
