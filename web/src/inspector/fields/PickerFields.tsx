import type { FieldProps } from '../field-context';
import type { FieldModel } from '../form-model';
import { ColumnChecklist } from './ColumnChecklist';
import { ColumnPicker } from './ColumnPicker';
import { describedBy } from './FieldIssues';

type Of<K extends FieldModel['kind']> = Extract<FieldModel, { kind: K }>;

/** Picks one or several columns from the schema propagated into the node; typed when none is known yet. */
export function ColumnField({ id, label, value, onChange, field, columns, issues, description, required }: FieldProps<Of<'column'>>) {
  const aria = describedBy(id, issues, description);
  if (field.multiple) {
    const chosen = Array.isArray(value) ? value.map(String) : [];
    if (columns.length > 0)
      return <ColumnChecklist id={id} label={label} columns={columns} chosen={chosen} onChange={onChange} {...aria} />;
    return (
      <input
        id={id}
        type="text"
        placeholder="col1, col2"
        value={chosen.join(', ')}
        onChange={(e) =>
          onChange(
            e.target.value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          )
        }
        {...aria}
      />
    );
  }
  const text = typeof value === 'string' ? value : '';
  if (columns.length > 0)
    return (
      <ColumnPicker
        id={id}
        label={label}
        columns={columns}
        chosen={text === '' ? undefined : text}
        onChange={onChange}
        required={required}
        {...aria}
      />
    );
  // No schema known yet (an input not connected, or one inference cannot see through): the name is typed.
  return (
    <input
      id={id}
      type="text"
      value={text}
      autoComplete="off"
      onChange={(e) => onChange(e.target.value === '' && !required ? undefined : e.target.value)}
      placeholder="Column name (the input's columns are not known yet)"
      {...aria}
    />
  );
}

/** A secret is stored as `{ "$secret": name }`: the graph never holds its value. */
export function SecretField({ id, value, onChange, issues, description }: FieldProps<Of<'secret'>>) {
  const name = typeof value === 'object' && value !== null && '$secret' in value ? String((value as { $secret: unknown }).$secret) : '';
  return (
    <div className="secret-field">
      <span className="secret-prefix" aria-hidden="true">
        secret
      </span>
      <input
        id={id}
        type="text"
        placeholder="secret name"
        value={name}
        onChange={(e) => onChange(e.target.value === '' ? undefined : { $secret: e.target.value })}
        {...describedBy(id, issues, description)}
      />
    </div>
  );
}

/** A file added to the editor (dropped or chosen), by name. */
export function FileField({ id, value, onChange, files, issues, description }: FieldProps<Of<'file'>>) {
  const listId = `${id}-files`;
  return (
    <>
      <input
        id={id}
        type="text"
        list={listId}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value)}
        {...describedBy(id, issues, description)}
      />
      <datalist id={listId}>
        {files.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
    </>
  );
}
