import { defineNode, port, utf8Vector, withColumns, z } from '@causeway/sdk';
import { checkTextColumn, readTextColumn, withTextColumn } from './text-column';

/**
 * N-grams of a token column (tokens separated by spaces, as `tokenize` writes them): every run of
 * `min` to `max` consecutive tokens, its tokens joined by `joiner`, written space-separated.
 */
export const ngrams = defineNode({
  type: '@causeway/plugin-text/ngrams',
  version: 1,
  category: 'plugin',
  title: 'N-grams',
  description: 'Writes the runs of n consecutive tokens of a token column (e.g. "new_york") as a new token column.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z
    .object({
      column: z.string().min(1).describe('A column of space-separated tokens').meta({ ui: 'column' }),
      into: z.string().min(1).optional().describe('The column to write; default <column>_ngrams'),
      min: z.int().min(1).max(10).default(1),
      max: z.int().min(1).max(10).default(2),
      joiner: z.string().max(10).default('_'),
    })
    .refine((c) => c.min <= c.max, { message: 'max must be at least min', path: ['max'] })
    .refine((c) => !/\s/u.test(c.joiner), { message: 'joiner must not contain spaces', path: ['joiner'] }),
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table || !checkTextColumn(inputs.table, config.column, issue, 'column')) return {};
    return { table: withTextColumn(inputs.table, config.into ?? `${config.column}_ngrams`) };
  },
  run: ({ inputs, config }) => {
    const column = readTextColumn(inputs.table, config.column);
    const out = new Array<string | null>(column.length);
    for (let i = 0; i < column.length; i++) {
      if (column.isNull(i)) {
        out[i] = null;
        continue;
      }
      const tokens = column
        .text(i)
        .split(' ')
        .filter((t) => t !== '');
      let grams = '';
      for (let n = config.min; n <= config.max; n++) {
        for (let start = 0; start + n <= tokens.length; start++) {
          const gram = tokens.slice(start, start + n).join(config.joiner);
          grams = grams === '' ? gram : `${grams} ${gram}`;
        }
      }
      out[i] = grams;
    }
    return { table: withColumns(inputs.table, { [config.into ?? `${config.column}_ngrams`]: utf8Vector(out) }) };
  },
});
