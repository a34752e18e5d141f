import { configPathOf, type FieldProps } from './field-context';
import { ArrayField, ObjectField } from './fields/CompositeFields';
import { ExpressionField } from './fields/ExpressionField';
import { FieldIssues } from './fields/FieldIssues';
import { ColumnField, FileField, SecretField } from './fields/PickerFields';
import { BooleanField, EnumField, JsonField, NumberField, TextField } from './fields/ScalarFields';

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
      return <FileField {...props} field={field} />;
    case 'object':
      return <ObjectField {...props} field={field} />;
    case 'array':
      return <ArrayField {...props} field={field} />;
    case 'json':
      return <JsonField {...props} field={field} />;
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
