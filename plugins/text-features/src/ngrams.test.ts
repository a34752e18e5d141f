import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { ngrams } from './ngrams';

const gramsOf = async (tokens: Array<string | null>, config: Record<string, unknown> = {}) => {
  const { outputs } = await runNode(ngrams, { inputs: { table: tableOf({ t: tokens }) }, config: { column: 't', ...config } });
  return rowsOf(outputs.table).map((r) => r.t_ngrams);
};

describe('ngrams', () => {
  it('writes unigrams then bigrams by default', async () => {
    expect(await gramsOf(['new york city', 'one', '', null])).toEqual(['new york city new_york york_city', 'one', '', null]);
  });

  it('writes only the sizes asked for, with the joiner given', async () => {
    expect(await gramsOf(['a b c d'], { min: 3, max: 3, joiner: '+' })).toEqual(['a+b+c b+c+d']);
    expect(await gramsOf(['a b'], { min: 3, max: 4 })).toEqual(['']);
  });

  it('refuses max below min, naming the field', async () => {
    await expect(gramsOf(['a'], { min: 3, max: 2 })).rejects.toThrow(/max must be at least min/);
  });
});
