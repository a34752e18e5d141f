import type { Meta, StoryObj } from '@storybook/react-vite';
import { Inspector } from '../inspector/Inspector';
import { peopleTable, StoryEditor, storyGraph } from './StoryEditor';

const meta: Meta = { title: 'Inspector/Fields' };
export default meta;

const graph = (config: Record<string, unknown>) =>
  storyGraph(
    [
      { id: 'people', type: 'source.inline', config: peopleTable },
      { id: 'fields', type: 'story.every-field', config },
    ],
    [{ from: 'people.table', to: 'fields.table' }],
  );

const render = (config: Record<string, unknown>) => () => (
  <StoryEditor graph={graph(config)} select={['fields']}>
    <div style={{ width: 360, height: 900, display: 'flex' }}>
      <Inspector onRunTo={() => {}} />
    </div>
  </StoryEditor>
);

/** Text, expression with column chips, column pickers fed by the propagated schema, bounded numbers, enums, booleans, a secret, a list of objects. */
export const Valid: StoryObj = {
  render: render({
    where: 'age > 30',
    target: 'churned',
    features: ['age', 'city'],
    test: 0.2,
    trees: 100,
    method: 'median',
    shuffle: true,
    apiKey: { $secret: 'warehouse' },
    renames: [{ name: 'city', as: 'town' }],
  }),
};

/** Design-time issues from schema propagation: the expression error is drawn under the column it points at. */
export const SchemaIssues: StoryObj = {
  render: render({
    where: 'agee > 30',
    target: 'churn',
    features: ['age'],
    test: 0.2,
    trees: 10,
    method: 'mean',
    shuffle: false,
    renames: [],
  }),
};

/** Config errors: each field shows its own message from the zod schema. */
export const ConfigIssues: StoryObj = {
  render: render({ where: '', target: 'age', features: [], test: 2, trees: 0.5, method: 'mean', shuffle: false, renames: [{ name: '' }] }),
};
