import { useEffect, useState } from 'react';
import type { FieldProps } from '../field-context';
import type { FieldModel } from '../form-model';
import { describedBy } from './FieldIssues';

type Of<K extends FieldModel['kind']> = Extract<FieldModel, { kind: K }>;

export function TextField({ id, value, onChange, field, issues, description, required }: FieldProps<Of<'text'>>) {
  const text = typeof value === 'string' ? value : '';
  const aria = describedBy(id, issues, description);
  const set = (next: string) => onChange(next === '' && !required ? undefined : next);
  return field.multiline ? (
    <textarea id={id} value={text} onChange={(e) => set(e.target.value)} rows={4} {...aria} />
  ) : (
    <input id={id} type="text" value={text} onChange={(e) => set(e.target.value)} {...aria} />
  );
}

/** A number with its bounds: the browser's own range checks plus the schema's message. */
export function NumberField({ id, value, onChange, field, issues, description }: FieldProps<Of<'number'>>) {
  // Keep the typed text so "0." or "-" can be typed on the way to a number.
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  useEffect(() => {
    if (typeof value === 'number' && Number(text) !== value) setText(String(value));
    if (value === undefined && text !== '') setText('');
  }, [value, text]);
  return (
    <input
      id={id}
      type="number"
      inputMode={field.integer ? 'numeric' : 'decimal'}
      step={field.integer ? 1 : 'any'}
      min={field.min}
      max={field.max}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = e.target.valueAsNumber;
        onChange(e.target.value === '' ? undefined : Number.isNaN(n) ? e.target.value : n);
      }}
      {...describedBy(id, issues, description)}
    />
  );
}

export function EnumField({ id, value, onChange, field, issues, description, required }: FieldProps<Of<'enum'>>) {
  return (
    <select
      id={id}
      value={value === undefined ? '' : String(value)}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      {...describedBy(id, issues, description)}
    >
      {(!required || value === undefined) && <option value="">{required ? 'Choose…' : '(default)'}</option>}
      {field.options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  );
}

const triState = [
  ['', 'auto'],
  ['true', 'yes'],
  ['false', 'no'],
] as const;

/** A checkbox; a select of auto / yes / no when leaving it out lets the node decide (e.g. a CSV's header). */
export function BooleanField({ id, value, onChange, field, issues, description }: FieldProps<Of<'boolean'>>) {
  if (field.unset === 'auto') {
    return (
      <select
        id={id}
        value={typeof value === 'boolean' ? String(value) : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
        {...describedBy(id, issues, description)}
      >
        {triState.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      type="checkbox"
      checked={value === true}
      onChange={(e) => onChange(e.target.checked)}
      {...describedBy(id, issues, description)}
    />
  );
}

/** Any JSON, for config shapes the form cannot describe. Applied when the text parses. */
export function JsonField({ id, value, onChange, issues, description }: FieldProps<Of<'json'>>) {
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [error, setError] = useState<string | undefined>();
  return (
    <>
      <textarea
        id={id}
        className="mono"
        rows={6}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value));
            setError(undefined);
          } catch (cause) {
            setError(cause instanceof Error ? cause.message : 'Not JSON');
          }
        }}
        {...describedBy(id, issues, description)}
      />
      {error && <p className="field-issues">{error}</p>}
    </>
  );
}
