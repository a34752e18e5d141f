import { createBuiltinRegistry } from '@causeway/nodes';
import { defineNode, expression, port } from '@causeway/sdk';
import { z } from 'zod';

const never = () => {
  throw new Error('Story nodes do not run.');
};

/** A node with one port of every kind, to show port colours and shapes. */
export const everyPort = defineNode({
  type: 'story.every-port',
  version: 1,
  category: 'model',
  title: 'Train and evaluate',
  description: 'Shows every kind of port.',
  inputs: {
    table: port.table(),
    extra: port.table({ optional: true }),
    parts: port.table({ multiple: true }),
    model: port.model({ optional: true }),
  },
  outputs: {
    table: port.table(),
    model: port.model(),
    metrics: port.metrics(),
    report: port.report(),
    chart: port.chart(),
    threshold: port.value(z.number()),
  },
  config: z.object({}),
  run: never,
});

/** A node whose config uses every kind of inspector field. */
export const everyField = defineNode({
  type: 'story.every-field',
  version: 1,
  category: 'transform',
  title: 'Every field',
  description: 'A config with each kind of inspector field.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({
    where: expression({ returns: 'boolean' }).describe('e.g. age > 30 and city = "Oslo"'),
    target: z.string().meta({ ui: 'column' }).describe('The column to predict.'),
    features: z.array(z.string().meta({ ui: 'column' })).describe('Columns the model reads.'),
    test: z.number().min(0).max(0.9).default(0.2).describe('Share of rows held out.'),
    trees: z.number().int().min(1).max(1000).default(100),
    method: z.enum(['mean', 'median', 'mode']).default('mean'),
    shuffle: z.boolean().default(true),
    apiKey: z.object({ $secret: z.string() }).meta({ ui: 'secret' }).optional(),
    renames: z.array(z.object({ name: z.string().meta({ ui: 'column' }), as: z.string().optional() })).default([]),
  }),
  infer: ({ inputs, config, issue }) => {
    if (inputs.table && config.target && !inputs.table.columns.some((c) => c.name === config.target))
      issue(`Unknown column "${config.target}".`, ['target']);
    if (config.where.includes('agee')) issue('Unknown column "agee" at column 1; did you mean "age"?', ['where']);
    return inputs.table ? { table: inputs.table } : {};
  },
  run: never,
});

/** The built-ins plus the story nodes. */
export function storyRegistry() {
  return createBuiltinRegistry().add(everyPort, everyField);
}
