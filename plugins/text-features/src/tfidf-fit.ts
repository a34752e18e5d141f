import { defineNode, port, UserError, z } from '@causeway/sdk';
import { checkTextColumn, readTextColumn } from './text-column';
import { countTerms, tfidfFromCounts } from './tfidf-kernel';
import { type TfidfState, tfidfStateSchema } from './tfidf-state';

/**
 * Fits TF-IDF on a training table's token column: keeps the `maxFeatures` most frequent terms that
 * pass the document-frequency bounds, with smooth idf = ln((1 + n) / (1 + df)) + 1. Outputs the
 * training table with one feature column per term (alphabetical) and the fitted state, which
 * `tfidf-apply` uses on other tables, so test rows never shape the vocabulary.
 */
export const tfidfFit = defineNode({
  type: '@causeway/plugin-text/tfidf-fit',
  version: 1,
  category: 'plugin',
  title: 'TF-IDF (fit)',
  description: 'Learns a vocabulary and idf weights from a token column and adds a TF-IDF column per term.',
  inputs: { table: port.table({ description: 'Training rows' }) },
  outputs: { table: port.table(), state: port.value(tfidfStateSchema, { description: 'Vocabulary and idf, for TF-IDF (apply)' }) },
  config: z.object({
    column: z.string().min(1).describe('A column of space-separated tokens').meta({ ui: 'column' }),
    maxFeatures: z.int().min(1).max(10_000).default(100),
    minDocuments: z.int().min(1).default(1).describe('Drop terms in fewer rows than this'),
    maxDocumentShare: z.number().gt(0).max(1).default(1).describe('Drop terms in a larger share of rows than this'),
    sublinearTf: z.boolean().default(false).describe('Use 1 + ln(count) instead of the count'),
    norm: z.enum(['l2', 'none']).default('l2'),
    prefix: z.string().max(50).default('tfidf_'),
  }),
  infer: ({ inputs, config, issue }) => {
    if (inputs.table) checkTextColumn(inputs.table, config.column, issue, 'column');
    // The feature columns depend on the data: known only after running.
    return {};
  },
  run: ({ inputs, config }) => {
    const counted = countTerms(readTextColumn(inputs.table, config.column));
    const n = inputs.table.numRows;
    const maxDocuments = config.maxDocumentShare * n;
    const kept: number[] = [];
    counted.terms.forEach((_, t) => {
      const df = counted.documents[t] as number;
      if (df >= config.minDocuments && df <= maxDocuments) kept.push(t);
    });
    // Most frequent first, ties by term, so the vocabulary is the same in every runtime.
    const byText = (a: number, b: number) => ((counted.terms[a] as string) < (counted.terms[b] as string) ? -1 : 1);
    kept.sort((a, b) => (counted.counts[b] as number) - (counted.counts[a] as number) || byText(a, b));
    const chosen = kept.slice(0, config.maxFeatures).sort(byText);
    if (chosen.length === 0) {
      throw new UserError('INPUT_INVALID', `No term of column "${config.column}" passes minDocuments and maxDocumentShare; loosen them.`, {
        details: { column: config.column, rows: n },
      });
    }
    const state: TfidfState = {
      column: config.column,
      prefix: config.prefix,
      sublinearTf: config.sublinearTf,
      norm: config.norm,
      documents: n,
      terms: chosen.map((t) => counted.terms[t] as string),
      idf: chosen.map((t) => Math.log((1 + n) / (1 + (counted.documents[t] as number))) + 1),
    };
    const feature = new Int32Array(counted.terms.length).fill(-1);
    chosen.forEach((t, f) => {
      feature[t] = f;
    });
    return { table: tfidfFromCounts(inputs.table, state, counted, feature), state };
  },
});
