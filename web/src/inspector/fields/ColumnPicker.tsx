import type { ColumnSchema } from '@causeway/sdk';
import { useState } from 'react';
import { matchColumns } from '../column-checklist';

export interface ColumnPickerProps {
  id: string;
  label: string;
  /** The input's columns, with their types. */
  columns: readonly ColumnSchema[];
  /** The column picked, if any. */
  chosen: string | undefined;
  /** `undefined`: nothing picked (offered only when the field is optional). */
  onChange: (chosen: string | undefined) => void;
  required: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/**
 * One column of the input, picked from a list of its columns with their types (searchable past eight),
 * like the multi-column checklist. A picked name the input does not have stays listed, so it is seen.
 */
export function ColumnPicker({ id, label, columns, chosen, onChange, required, ...aria }: ColumnPickerProps) {
  const [query, setQuery] = useState('');
  const shown = matchColumns(columns, query);
  const missing = chosen !== undefined && chosen !== '' && !columns.some((c) => c.name === chosen);
  const option = (name: string, type: string, className?: string) => (
    <li key={`${className ?? 'column'}:${name}`} className={className}>
      <label>
        <input type="radio" name={id} checked={chosen === name} onChange={() => onChange(name)} />
        <span className="column-name">{name}</span> <small className="column-type">{type}</small>
      </label>
    </li>
  );
  return (
    <fieldset id={id} className="column-checklist column-picker" {...aria}>
      <legend className="sr-only">{label}</legend>
      {columns.length > 8 && (
        <div className="checklist-bar">
          <input
            type="search"
            aria-label={`Search ${label.toLowerCase()}`}
            placeholder="Search columns"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      )}
      <ul className="checklist-items">
        {!required && (
          <li className="muted">
            <label>
              <input type="radio" name={id} checked={chosen === undefined || chosen === ''} onChange={() => onChange(undefined)} />
              <span className="column-name">none</span>
            </label>
          </li>
        )}
        {shown.map((column) => option(column.name, column.type))}
        {missing && option(chosen, 'not in the input', 'missing')}
        {shown.length === 0 && <li className="muted">No column matches “{query}”.</li>}
      </ul>
    </fieldset>
  );
}
