import type { ColumnSchema } from '@causeway/sdk';
import { countText } from '@causeway/sdk';
import { useState } from 'react';
import { matchColumns, missingColumns, tickColumns } from '../column-checklist';

export interface ColumnChecklistProps {
  id: string;
  label: string;
  /** The input's columns, with their types. */
  columns: readonly ColumnSchema[];
  /** The names ticked, in config order. */
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** A searchable checklist of the input's columns with their types; the search shows more than a dozen. */
export function ColumnChecklist({ id, label, columns, chosen, onChange, ...aria }: ColumnChecklistProps) {
  const [query, setQuery] = useState('');
  const shown = matchColumns(columns, query);
  const ticked = new Set(chosen);
  const missing = missingColumns(chosen, columns);
  const shownNames = shown.map((c) => c.name);
  return (
    <fieldset id={id} className="column-checklist" {...aria}>
      <legend className="sr-only">{label}</legend>
      <div className="checklist-bar">
        {columns.length > 8 && (
          <input
            type="search"
            aria-label={`Search ${label.toLowerCase()}`}
            placeholder="Search columns"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        )}
        <button
          type="button"
          onClick={() => onChange(tickColumns(chosen, shownNames, true))}
          disabled={shownNames.every((n) => ticked.has(n))}
        >
          All
        </button>
        <button
          type="button"
          onClick={() => onChange(tickColumns(chosen, shownNames, false))}
          disabled={!shownNames.some((n) => ticked.has(n))}
        >
          None
        </button>
      </div>
      <ul className="checklist-items">
        {shown.map((column) => (
          <li key={column.name}>
            <label>
              <input
                type="checkbox"
                checked={ticked.has(column.name)}
                onChange={(e) => onChange(tickColumns(chosen, [column.name], e.target.checked))}
              />
              <span className="column-name">{column.name}</span> <small className="column-type">{column.type}</small>
            </label>
          </li>
        ))}
        {missing.map((name) => (
          <li key={`missing:${name}`} className="missing">
            <label>
              <input type="checkbox" checked onChange={() => onChange(tickColumns(chosen, [name], false))} />
              <span className="column-name">{name}</span> <small className="column-type">not in the input</small>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No column matches “{query}”.</li>}
      </ul>
      <p className="checklist-count muted" aria-live="polite">
        {countText(chosen.length, 'column')} of {columns.length} ticked
      </p>
    </fieldset>
  );
}
