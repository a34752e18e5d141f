import { columnsOfItems, itemsForColumns } from './column-items';
import { configPathOf, type FieldProps, issuesUnder } from './field-context';
import { ColumnChecklist } from './fields/ColumnChecklist';
import { ColumnTypesField } from './fields/ColumnTypesField';
import { ExpressionField } from './fields/ExpressionField';
import { FieldIssues } from './fields/FieldIssues';
import { ColumnField, SecretField } from './fields/PickerFields';
import { BooleanField, EnumField, JsonField, NumberField, TextField } from './fields/ScalarFields';
import { UploadField } from './fields/UploadField';
import { VersionField } from './fields/VersionField';
import { emptyValueOf, type FieldModel } from './form-model';

/** The editor for one field of the form, by its kind. */
export function FieldEditor(props: FieldProps) {
  const { field } = props;
  switch (field.kind) {
    case 'text':
      return <TextField {...props} field={field} />;
    case 'number':
      return <NumberField {...props} field={field} />;
    case 'enum':
      return <EnumField {...props} field={field} />;
    case 'boolean':
      return <BooleanField {...props} field={field} />;
    case 'column':
      return <ColumnField {...props} field={field} />;
    case 'expression':
      return <ExpressionField {...props} />;
    case 'secret':
      return <SecretField {...props} field={field} />;
    case 'file':
      return <UploadField {...props} field={field} />;
    case 'object':
      return <ObjectField {...props} field={field} />;
    case 'array':
      return <ArrayField {...props} field={field} />;
    case 'json':
      return <JsonField {...props} field={field} />;
    case 'columnTypes':
      return <ColumnTypesField {...props} field={field} />;
    case 'choiceOrNumber':
      return <VersionField {...props} field={field} />;
  }
}

/** A labelled field with its help text and its issues. */
export function FieldInput(props: FieldProps) {
  const { id, label, required, description, issues, field } = props;
  const inline = field.kind === 'boolean';
  return (
    <div className={`field field-${field.kind}${issues.length ? ' invalid' : ''}${inline ? ' inline' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <FieldEditor {...props} />
      {description && (
        <p className="field-help" id={`${id}-help`}>
          {description}
        </p>
      )}
      <FieldIssues
        id={id}
        issues={
          field.kind === 'array' || field.kind === 'object' ? issues.filter((i) => configPathOf(i)?.length === props.path.length) : issues
        }
      />
    </div>
  );
}

// Objects and lists render their members with FieldInput: the recursion lives in this one module.
type Of<K extends FieldModel['kind']> = Extract<FieldModel, { kind: K }>;

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The fields of a nested object, each with its own issues. */
export function ObjectField(props: FieldProps<Of<'object'>>) {
  const { id, field, value, onChange, path, issues } = props;
  const record = asRecord(value);
  return (
    <fieldset className="object-field" id={id}>
      {field.fields.map((property) => {
        const childPath = [...path, property.key];
        return (
          <FieldInput
            key={property.key}
            {...props}
            id={`${id}-${property.key}`}
            label={property.label}
            description={property.description}
            required={property.required}
            field={property.field}
            path={childPath}
            value={record[property.key]}
            issues={issuesUnder(issues, childPath)}
            onChange={(next) => {
              const copy = { ...record };
              if (next === undefined) delete copy[property.key];
              else copy[property.key] = next;
              onChange(copy);
            }}
          />
        );
      })}
    </fieldset>
  );
}

/** A list of items (often objects such as `{ name, as }`): add, remove, reorder. */
export function ArrayField(props: FieldProps<Of<'array'>>) {
  const { id, field, value, onChange, path, issues, label } = props;
  const items = Array.isArray(value) ? value : [];
  const set = (next: unknown[]) => onChange(next);
  const canAdd = field.max === undefined || items.length < field.max;
  const { columnKey } = field;
  return (
    <fieldset className="array-field" id={id}>
      <legend className="sr-only">{label}</legend>
      {columnKey !== undefined && props.columns.length > 0 && (
        <ColumnChecklist
          id={`${id}-checklist`}
          label={label}
          columns={props.columns}
          chosen={columnsOfItems(items, columnKey)}
          onChange={(names) => set(itemsForColumns(items, columnKey, names))}
        />
      )}
      <ol>
        {items.map((item, index) => {
          const childPath = [...path, index];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity of their own; the index is their place in the config
            <li key={index}>
              <FieldInput
                {...props}
                id={`${id}-${index}`}
                label={`${label} ${index + 1}`}
                description={undefined}
                required
                field={field.item}
                path={childPath}
                value={item}
                issues={issuesUnder(issues, childPath)}
                onChange={(next) => set(items.map((old, i) => (i === index ? next : old)))}
              />
              <div className="array-buttons">
                <button
                  type="button"
                  aria-label={`Move ${label} ${index + 1} up`}
                  disabled={index === 0}
                  onClick={() => set(swap(items, index, index - 1))}
                >
                  ↑
                </button>
                <button type="button" aria-label={`Remove ${label} ${index + 1}`} onClick={() => set(items.filter((_, i) => i !== index))}>
                  ✕
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" disabled={!canAdd} onClick={() => set([...items, emptyValueOf(field.item)])}>
        Add {label.toLowerCase()}
      </button>
    </fieldset>
  );
}

function swap<T>(items: T[], a: number, b: number): T[] {
  const copy = [...items];
  [copy[a], copy[b]] = [copy[b] as T, copy[a] as T];
  return copy;
}
