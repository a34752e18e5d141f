import type { ExprType } from './ast';

export const isNumeric = (t: ExprType) => t === 'integer' || t === 'number' || t === 'null';
export const isText = (t: ExprType) => t === 'string' || t === 'category' || t === 'null';
export const isBoolean = (t: ExprType) => t === 'boolean' || t === 'null';
export const isDate = (t: ExprType) => t === 'date' || t === 'null';

/** The type two branches share (`if`, `case`, `coalesce`), or undefined when they cannot be mixed. */
export function unifyTypes(a: ExprType, b: ExprType): ExprType | undefined {
  if (a === b) return a === 'category' ? 'string' : a;
  if (a === 'null') return b === 'category' ? 'string' : b;
  if (b === 'null') return a === 'category' ? 'string' : a;
  if (isNumeric(a) && isNumeric(b)) return 'number';
  if (isText(a) && isText(b)) return 'string';
  return undefined;
}

/** Whether values of the two types can be compared with = < … (dates against string literals are handled by the checker). */
export function areComparable(a: ExprType, b: ExprType): boolean {
  if (a === 'null' || b === 'null') return true;
  return (isNumeric(a) && isNumeric(b)) || (isText(a) && isText(b)) || a === b;
}

/** Reads 'YYYY-MM-DD' or an ISO date-time (UTC unless it names a zone) as epoch milliseconds. */
export function parseDateLiteral(text: string): number | undefined {
  const match = /^\d{4}-\d{2}-\d{2}(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (match === null) return undefined;
  const iso = match[1] === undefined ? `${text}T00:00:00Z` : match[2] === undefined ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T');
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}
