import { useState } from 'react';
import type { FieldProps } from '../field-context';
import type { FieldModel } from '../form-model';
import { useModelVersions } from '../model-versions';
import { describedBy } from './FieldIssues';

type Of<K extends FieldModel['kind']> = Extract<FieldModel, { kind: K }>;

const other = '#';

/**
 * Named choices or a number (a model version: production, staging, latest or 3). The numbers the
 * server lists (the model's versions with their stages) are choices too; any other number can be typed.
 */
export function VersionField({ id, value, onChange, field, config, issues, description }: FieldProps<Of<'choiceOrNumber'>>) {
  const model = field.versionsOf === undefined ? undefined : config[field.versionsOf];
  const versions = useModelVersions(typeof model === 'string' ? model : undefined);
  const listed = typeof value === 'number' && versions.some((v) => v.version === value);
  const [typing, setTyping] = useState(typeof value === 'number' && !listed);
  const selected =
    typeof value === 'string' ? value : typeof value === 'number' && !typing ? String(value) : value === undefined ? '' : other;
  return (
    <div className="version-field">
      <select
        id={id}
        value={typing ? other : selected}
        onChange={(e) => {
          const next = e.target.value;
          setTyping(next === other);
          if (next === other) return;
          onChange(next === '' ? undefined : field.options.includes(next) ? next : Number(next));
        }}
        {...describedBy(id, issues, description)}
      >
        {value === undefined && <option value="">(default)</option>}
        {field.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
        {versions.map((v) => (
          <option key={v.version} value={String(v.version)}>
            version {v.version}
            {v.stage === 'none' ? '' : ` (${v.stage})`}
          </option>
        ))}
        <option value={other}>a version number…</option>
      </select>
      {typing && (
        <input
          type="number"
          aria-label="Version number"
          min={field.min}
          step={field.integer ? 1 : 'any'}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
        />
      )}
    </div>
  );
}
