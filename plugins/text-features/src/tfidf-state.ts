import { z } from '@causeway/sdk';

/** What `tfidf-fit` learns and `tfidf-apply` uses: the vocabulary, its idf weights and the settings. */
export const tfidfStateSchema = z.object({
  column: z.string(),
  prefix: z.string(),
  sublinearTf: z.boolean(),
  norm: z.enum(['l2', 'none']),
  documents: z.int().min(0),
  terms: z.array(z.string()),
  idf: z.array(z.number()),
});

export type TfidfState = z.output<typeof tfidfStateSchema>;

/** At most this many cells (rows × terms) of Float64 features, about 160 MB. */
export const maxFeatureCells = 20_000_000;
