import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tfidfApply } from './tfidf-apply';
import { tfidfFit } from './tfidf-fit';

const train = tableOf({ id: [1, 2, 3], tokens: ['apple banana apple', 'banana cherry', null] });

describe('tfidf-fit and tfidf-apply', () => {
  it('fits smooth idf on the training rows and writes l2-normalized weights per term', async () => {
    const { outputs } = await runNode(tfidfFit, { inputs: { table: train }, config: { column: 'tokens' } });
    // n = 3 rows; df: apple 1, banana 2, cherry 1.
    const idfRare = Math.log(4 / 2) + 1;
    const idfBanana = Math.log(4 / 3) + 1;
    expect(outputs.state.terms).toEqual(['apple', 'banana', 'cherry']);
    expect(outputs.state.idf).toEqual([idfRare, idfBanana, idfRare]);
    const row0 = Math.hypot(2 * idfRare, idfBanana);
    const row1 = Math.hypot(idfBanana, idfRare);
    const rows = rowsOf(outputs.table);
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'tokens', 'tfidf_apple', 'tfidf_banana', 'tfidf_cherry']);
    expect(rows[0]?.tfidf_apple).toBeCloseTo((2 * idfRare) / row0, 12);
    expect(rows[0]?.tfidf_banana).toBeCloseTo(idfBanana / row0, 12);
    expect(rows[0]?.tfidf_cherry).toBe(0);
    expect(rows[1]?.tfidf_banana).toBeCloseTo(idfBanana / row1, 12);
    expect(rows[1]?.tfidf_cherry).toBeCloseTo(idfRare / row1, 12);
    expect(rows[2]).toMatchObject({ tfidf_apple: 0, tfidf_banana: 0, tfidf_cherry: 0 });
  });

  it('applies the fitted vocabulary to other rows: unseen terms are ignored, nothing is re-fitted', async () => {
    const fitted = await runNode(tfidfFit, { inputs: { table: train }, config: { column: 'tokens', norm: 'none', sublinearTf: true } });
    const test = tableOf({ tokens: ['cherry cherry durian', 'durian'] });
    const { outputs } = await runNode(tfidfApply, { inputs: { table: test, state: fitted.outputs.state }, config: {} });
    const idfCherry = Math.log(4 / 2) + 1;
    expect(rowsOf(outputs.table)).toEqual([
      { tokens: 'cherry cherry durian', tfidf_apple: 0, tfidf_banana: 0, tfidf_cherry: (1 + Math.log(2)) * idfCherry },
      { tokens: 'durian', tfidf_apple: 0, tfidf_banana: 0, tfidf_cherry: 0 },
    ]);
  });

  it('keeps the most frequent terms within the document-frequency bounds', async () => {
    const table = tableOf({ t: ['a a a b c', 'a b d', 'a e', 'a'] });
    const top = await runNode(tfidfFit, { inputs: { table }, config: { column: 't', maxFeatures: 2 } });
    expect(top.outputs.state.terms).toEqual(['a', 'b']);
    const bounded = await runNode(tfidfFit, { inputs: { table }, config: { column: 't', minDocuments: 2, maxDocumentShare: 0.75 } });
    expect(bounded.outputs.state.terms).toEqual(['b']);
    await expect(runNode(tfidfFit, { inputs: { table }, config: { column: 't', minDocuments: 9 } })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringContaining('No term of column "t"'),
    });
  });

  it('refuses a prefix that would overwrite a column, and a state on the wrong column', async () => {
    const table = tableOf({ t: ['x y'], t_x: [1] });
    await expect(runNode(tfidfFit, { inputs: { table }, config: { column: 't', prefix: 't_' } })).rejects.toThrow(
      'already has a column "t_x"',
    );
    const fitted = await runNode(tfidfFit, { inputs: { table: train }, config: { column: 'tokens' } });
    await expect(
      runNode(tfidfApply, { inputs: { table: tableOf({ other: ['a'] }), state: fitted.outputs.state }, config: {} }),
    ).rejects.toThrow('no column "tokens"');
  });

  it('gives every row unit l2 norm, or zero when it has no known term', async () => {
    const words = fc.constantFrom('red', 'green', 'blue', 'cyan', 'teal');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(words, { maxLength: 8 }), { minLength: 1, maxLength: 30 }), async (docs) => {
        const table = tableOf({ t: docs.map((d) => d.join(' ')) });
        const result = await runNode(tfidfFit, { inputs: { table }, config: { column: 't' } }).catch((e: unknown) => e);
        if (result instanceof Error) {
          expect(docs.every((d) => d.length === 0)).toBe(true);
          return;
        }
        const { outputs } = result as Awaited<
          ReturnType<typeof runNode<typeof tfidfFit.inputs, typeof tfidfFit.outputs, typeof tfidfFit.config>>
        >;
        const names = outputs.state.terms.map((term) => `tfidf_${term}`);
        rowsOf(outputs.table).forEach((row, i) => {
          const norm = Math.hypot(...names.map((n) => row[n] as number));
          expect(norm).toBeCloseTo(docs[i]?.length ? 1 : 0, 10);
        });
      }),
      { numRuns: 60 },
    );
  });
});
