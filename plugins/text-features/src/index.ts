import { definePlugin } from '@causeway/sdk';
import { ngrams } from './ngrams';
import { tfidfApply } from './tfidf-apply';
import { tfidfFit } from './tfidf-fit';
import { tokenize } from './tokenize';

export { ngrams, tfidfApply, tfidfFit, tokenize };

export default definePlugin({
  name: '@causeway/plugin-text',
  apiVersion: 1,
  nodes: [tokenize, ngrams, tfidfFit, tfidfApply],
});
