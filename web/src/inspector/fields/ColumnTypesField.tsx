import { useState } from 'react';
import { columnTypeRows, setColumnType } from '../column-types';
import type { FieldProps } from '../field-context';
import type { FieldModel } from '../form-model';
import { describedBy } from './FieldIssues';

type Of<K extends FieldModel['kind']> = Extract<FieldModel, { kind: K }>;

/**
 * A type per column (a CSV's `types`): one row per known column with a type picker, "inferred" leaving
 * the column to inference; a column not yet known can be added by name.
 */
export function ColumnTypesField({ id, label, value, onChange, field, outputColumns, issues, description }: FieldProps<Of<'columnTypes'>>) {
  const [adding, setAdding] = useState('');
  const rows = columnTypeRows(value, outputColumns);
  const add = () => {
    const name = adding.trim();
    if (name === '' || rows.some((r) => r.name === name)) return;
    onChange(setColumnType(value, rows, name, field.types[0] ?? 'string'));
    setAdding('');
  };
  return (
    <fieldset id={id} className="column-types" {...describedBy(id, issues, description)}>
      <legend className="sr-only">{label}</legend>
      {rows.length === 0 && <p className="muted">Every column’s type is inferred. Add a column to fix its type.</p>}
      <table>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">
                <label htmlFor={`${id}-${row.name}`}>{row.name}</label>
              </th>
              <td>
                <select
                  id={`${id}-${row.name}`}
                  value={row.type ?? ''}
                  onChange={(e) => onChange(setColumnType(value, rows, row.name, e.target.value || undefined))}
                >
                  <option value="">{row.inferred ? `inferred (${row.inferred})` : 'inferred'}</option>
                  {field.types.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="column-types-add">
        <input
          type="text"
          aria-label={`Column to add to ${label.toLowerCase()}`}
          placeholder="column name"
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={adding.trim() === ''}>
          Add column
        </button>
      </div>
    </fieldset>
  );
}
