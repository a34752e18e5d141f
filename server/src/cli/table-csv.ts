import { type Table, Type } from 'apache-arrow';

const needsQuotes = /[",\r\n]/;
const formulaStart = /^[=+\-@\t\r]/;

function cellText(value: unknown, isDate: boolean): string {
  if (value === null || value === undefined) return '';
  if (isDate && (typeof value === 'number' || typeof value === 'bigint')) {
    const iso = new Date(Number(value)).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  // A spreadsheet would run a cell starting with these as a formula: prefix a quote.
  const text = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes a table as RFC 4180 CSV with a header row: nulls empty, dates ISO, text cells that a
 * spreadsheet would read as a formula (= + - @ tab CR) prefixed with `'`.
 * Stands in until the SDK's `writeCsv` is available.
 */
export function tableCsv(table: Table): string {
  const fields = table.schema.fields;
  const columns = fields.map((field, index) => ({
    vector: table.getChildAt(index),
    isDate: field.type.typeId === Type.Date || field.type.typeId === Type.Timestamp,
  }));
  const lines = [fields.map((field) => cellText(field.name, false)).join(',')];
  for (let row = 0; row < table.numRows; row++) {
    lines.push(columns.map((column) => cellText(column.vector?.get(row), column.isDate)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
