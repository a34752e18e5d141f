import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import { expect } from 'vitest';
import { describeBuiltPlugin } from '../describe-built-plugin';

describeBuiltPlugin(import.meta.dirname, {
  types: [
    '@causeway/plugin-text/tokenize',
    '@causeway/plugin-text/ngrams',
    '@causeway/plugin-text/tfidf-fit',
    '@causeway/plugin-text/tfidf-apply',
  ],
  pickers: {
    tokenize: { column: 'column' },
    ngrams: { column: 'column' },
    'tfidf-fit': { column: 'column' },
    'tfidf-apply': { column: 'column' },
  },
  runs: {
    title: 'tokenize, then TF-IDF fitted on one table and applied to another',
    check: async (node) => {
      const tokens = await runNode(node('tokenize'), {
        inputs: { table: tableOf({ text: ['The Red fox.', 'A red hen!'] }) },
        config: { column: 'text' },
      });
      expect(rowsOf(tokens.outputs.table as Table).map((r) => r.text_tokens)).toEqual(['red fox', 'red hen']);
      const fit = await runNode(node('tfidf-fit'), { inputs: { table: tokens.outputs.table }, config: { column: 'text_tokens' } });
      const applied = await runNode(node('tfidf-apply'), {
        inputs: { table: tableOf({ text_tokens: ['fox fox'] }), state: fit.outputs.state },
        config: {},
      });
      expect(rowsOf(applied.outputs.table as Table)[0]).toMatchObject({ tfidf_fox: 1, tfidf_hen: 0, tfidf_red: 0 });
    },
  },
});
