import { maxRowsPerRequest, type PredictBody } from './request-feeds';

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The only own key of `value`, or undefined when it has none or several. */
function onlyKey(value: Record<string, unknown>): string | undefined {
  let only: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (only !== undefined) return undefined;
    only = key;
  }
  return only;
}

/**
 * Accepts exactly what the `predictBody` schema accepts, checked by hand: a predict request is mostly
 * one small body, and this check costs a fraction of the schema's. Undefined means "not accepted here":
 * the caller then runs the schema, whose issues make the error message, so refusals read the same.
 */
export function acceptedPredictBody(value: unknown): PredictBody | undefined {
  if (!isRecord(value)) return undefined;
  const key = onlyKey(value);
  if (key === 'rows') {
    const rows = value.rows;
    if (!Array.isArray(rows) || rows.length < 1 || rows.length > maxRowsPerRequest) return undefined;
    for (let i = 0; i < rows.length; i++) if (!isRecord(rows[i])) return undefined;
    return value as PredictBody;
  }
  if (key === 'columns') {
    const columns = value.columns;
    if (!isRecord(columns)) return undefined;
    for (const name in columns) {
      if (!Object.hasOwn(columns, name)) continue;
      const column = columns[name];
      if (!Array.isArray(column) || column.length > maxRowsPerRequest) return undefined;
    }
    return value as PredictBody;
  }
  return undefined;
}
