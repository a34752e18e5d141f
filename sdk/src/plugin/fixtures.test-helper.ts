import { z } from 'zod';
import { defineNode } from '../node/define-node';
import { definePlugin } from '../node/define-plugin';
import { port } from '../ports/port';

export const upper = defineNode({
  type: '@acme/causeway-text/upper',
  version: 1,
  category: 'plugin',
  title: 'Upper case',
  description: 'Upper-cases a text column.',
  inputs: { table: port.table({ description: 'rows to change' }), extra: port.table({ optional: true, multiple: true }) },
  outputs: { table: port.table(), count: port.value(z.int().min(0)) },
  config: z.object({ column: z.string().min(1), keep: z.boolean().default(true) }),
  run: ({ inputs }) => ({ table: inputs.table, count: inputs.table.numRows }),
});

export const acmePlugin = definePlugin({ name: '@acme/causeway-text', version: '1.2.0', apiVersion: 1, nodes: [upper] });

export const sha = 'a'.repeat(64);
