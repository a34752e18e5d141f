import { defineNode, port, utf8Vector, withColumns, z } from '@causeway/sdk';
import { englishStopWords } from './stop-words';
import { checkTextColumn, readTextColumn, withTextColumn } from './text-column';

// One pass over the text: runs of characters that are neither space nor punctuation/symbols (or not space).
const wordsWithoutPunctuation = /[^\s\p{P}\p{S}]+/gu;
const wordsAsWritten = /\S+/gu;

/**
 * Splits a text column into tokens: lower case, punctuation removed, stop words and short tokens dropped.
 * The tokens are written space-separated to a new string column, which `ngrams` and `tfidf-fit` read.
 */
export const tokenize = defineNode({
  type: '@causeway/plugin-text/tokenize',
  version: 1,
  category: 'plugin',
  title: 'Tokenize text',
  description: 'Lower-cases a text column, removes punctuation and stop words, and writes the tokens separated by spaces.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({
    column: z.string().min(1).describe('The text column').meta({ ui: 'column' }),
    into: z.string().min(1).optional().describe('The column to write; default <column>_tokens'),
    lowercase: z.boolean().default(true),
    punctuation: z.enum(['remove', 'keep']).default('remove'),
    stopWords: z.enum(['english', 'none']).default('english'),
    extraStopWords: z.array(z.string().min(1).max(100)).max(10_000).default([]),
    minLength: z.int().min(1).max(100).default(1).describe('Drop tokens shorter than this'),
  }),
  infer: ({ inputs, config, issue }) => {
    if (!inputs.table || !checkTextColumn(inputs.table, config.column, issue, 'column')) return {};
    return { table: withTextColumn(inputs.table, config.into ?? `${config.column}_tokens`) };
  },
  run: ({ inputs, config }) => {
    const column = readTextColumn(inputs.table, config.column);
    const stop = new Set([
      ...(config.stopWords === 'english' ? englishStopWords : []),
      ...config.extraStopWords.map((w) => w.toLowerCase()),
    ]);
    const out = new Array<string | null>(column.length);
    const words = config.punctuation === 'remove' ? wordsWithoutPunctuation : wordsAsWritten;
    for (let i = 0; i < column.length; i++) {
      if (column.isNull(i)) {
        out[i] = null;
        continue;
      }
      const text = config.lowercase ? column.text(i).toLowerCase() : column.text(i);
      let tokens = '';
      for (const token of text.match(words) ?? []) {
        if (token.length < config.minLength || stop.has(config.lowercase ? token : token.toLowerCase())) continue;
        tokens = tokens === '' ? token : `${tokens} ${token}`;
      }
      out[i] = tokens;
    }
    const into = config.into ?? `${config.column}_tokens`;
    return { table: withColumns(inputs.table, { [into]: utf8Vector(out) }) };
  },
});
