import type { ColumnSchema } from '@causeway/sdk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type ReactNode, useState } from 'react';
import type { FieldProps } from '../inspector/field-context';
import { ColumnChecklist } from '../inspector/fields/ColumnChecklist';
import { ColumnPicker } from '../inspector/fields/ColumnPicker';
import { ColumnTypesField } from '../inspector/fields/ColumnTypesField';
import { BooleanField } from '../inspector/fields/ScalarFields';
import { VersionField } from '../inspector/fields/VersionField';
import type { FieldModel } from '../inspector/form-model';

const meta: Meta = { title: 'Inspector/Pickers' };
export default meta;

const weather: ColumnSchema[] = [
  { name: 'date', type: 'date', nullable: false },
  { name: 'precipitation', type: 'number', nullable: true },
  { name: 'temp_max', type: 'number', nullable: true },
  { name: 'temp_min', type: 'number', nullable: true },
  { name: 'wind', type: 'number', nullable: true },
  { name: 'weather', type: 'category', nullable: false },
  { name: 'station', type: 'string', nullable: false },
  { name: 'humidity', type: 'integer', nullable: true },
  { name: 'snow', type: 'boolean', nullable: true },
  { name: 'pressure', type: 'number', nullable: true },
];

function Panel({ children, value }: { children: ReactNode; value: unknown }) {
  return (
    <form className="inspector" style={{ width: 340 }} onSubmit={(e) => e.preventDefault()}>
      <div className="field">{children}</div>
      <pre className="mono">config: {JSON.stringify(value)}</pre>
    </form>
  );
}

/** A field editor with its value held in the story, and the config it writes shown below. */
function Field<F extends FieldModel>({ field, start, Editor }: { field: F; start: unknown; Editor: (props: FieldProps<F>) => ReactNode }) {
  const [value, setValue] = useState<unknown>(start);
  const props: FieldProps<F> = {
    id: 'story-field',
    label: 'Field',
    field,
    value,
    onChange: setValue,
    issues: [],
    columns: weather,
    outputColumns: weather.slice(0, 4),
    config: { model: 'churn' },
    files: [],
    path: ['field'],
    required: false,
  };
  return (
    <Panel value={value}>
      <label htmlFor="story-field">Field</label>
      <Editor {...props} />
    </Panel>
  );
}

function Checklist({ start }: { start: string[] }) {
  const [chosen, setChosen] = useState(start);
  return (
    <Panel value={chosen}>
      <ColumnChecklist id="features" label="Features" columns={weather} chosen={chosen} onChange={setChosen} />
    </Panel>
  );
}

/** Features as a searchable checklist of the input's columns with their types (the search shows past eight columns). */
export const FeatureChecklist: StoryObj = { render: () => <Checklist start={['temp_max', 'wind']} /> };

/** A ticked column the input no longer has stays listed, so it can be unticked. */
export const ChecklistWithMissingColumn: StoryObj = { render: () => <Checklist start={['temp_max', 'old_name']} /> };

function Picker({ start, required }: { start: string | undefined; required: boolean }) {
  const [chosen, setChosen] = useState(start);
  return (
    <Panel value={chosen}>
      <ColumnPicker id="target" label="Target" columns={weather} chosen={chosen} onChange={setChosen} required={required} />
    </Panel>
  );
}

/** A target as one of the input's columns with their types (searchable past eight columns). */
export const SingleColumnPicker: StoryObj = { render: () => <Picker start="temp_max" required /> };

/** An optional column offers "none"; a picked column the input no longer has stays listed. */
export const OptionalPickerWithMissingColumn: StoryObj = { render: () => <Picker start="old_name" required={false} /> };

/** A CSV's types: one picker per known column, "inferred" leaving it to inference; unknown columns can be added by name. */
export const ColumnTypes: StoryObj = {
  render: () => (
    <Field
      field={{ kind: 'columnTypes', types: ['number', 'integer', 'string', 'category', 'boolean', 'date'] }}
      start={{ date: 'date' }}
      Editor={ColumnTypesField}
    />
  ),
};

/** A header the node detects when left out: auto / yes / no. */
export const TriStateHeader: StoryObj = {
  render: () => <Field field={{ kind: 'boolean', unset: 'auto' }} start={undefined} Editor={BooleanField} />,
};

/** A model version: a stage, the latest, or a number (with a server, the model's versions are listed too). */
export const ModelVersion: StoryObj = {
  render: () => (
    <Field
      field={{ kind: 'choiceOrNumber', options: ['production', 'staging', 'latest'], integer: true, min: 1, versionsOf: 'model' }}
      start="production"
      Editor={VersionField}
    />
  ),
};
