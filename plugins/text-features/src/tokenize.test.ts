import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize';

const tokensOf = async (texts: Array<string | null>, config: Record<string, unknown> = {}) => {
  const { outputs } = await runNode(tokenize, { inputs: { table: tableOf({ text: texts }) }, config: { column: 'text', ...config } });
  return rowsOf(outputs.table).map((r) => r.text_tokens);
};

describe('tokenize', () => {
  it('lower-cases, removes punctuation and English stop words, keeps nulls', async () => {
    expect(await tokensOf(['The cat sat on the MAT!', "Don't stop—believing.", null, '', '¿Qué tal? 42 €'])).toEqual([
      'cat sat mat',
      'stop believing',
      null,
      '',
      'qué tal 42',
    ]);
  });

  it('keeps punctuation and case, or stop words, when told', async () => {
    expect(await tokensOf(['Hello, World'], { lowercase: false, punctuation: 'keep', stopWords: 'none' })).toEqual(['Hello, World']);
    expect(await tokensOf(['the end of it'], { stopWords: 'none' })).toEqual(['the end of it']);
    expect(await tokensOf(['a big red dog'], { stopWords: 'none', minLength: 3, extraStopWords: ['RED'] })).toEqual(['big dog']);
  });

  it('writes to the column named by into, beside the others', async () => {
    const table = tableOf({ id: [1, 2], text: ['Red fox', 'Blue jay'] });
    const { outputs } = await runNode(tokenize, { inputs: { table }, config: { column: 'text', into: 'words' } });
    expect(rowsOf(outputs.table)).toEqual([
      { id: 1, text: 'Red fox', words: 'red fox' },
      { id: 2, text: 'Blue jay', words: 'blue jay' },
    ]);
  });

  it('names a missing or non-text column at design time and when running', async () => {
    const inputs = { table: { columns: [{ name: 'n', type: 'number' as const, nullable: false }] } };
    expect(inferNode(tokenize, { inputs, config: { column: 'text' } }).issues[0]?.message).toBe('The table has no column "text".');
    expect(inferNode(tokenize, { inputs, config: { column: 'n' } }).issues[0]).toMatchObject({
      path: ['config', 'column'],
      message: 'Column "n" holds number values; this node reads text.',
    });
    await expect(runNode(tokenize, { inputs: { table: tableOf({ n: [1] }) }, config: { column: 'n' } })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
    });
    expect(
      inferNode(tokenize, {
        inputs: { table: { columns: [{ name: 'text', type: 'string', nullable: true }] } },
        config: { column: 'text' },
      }).outputs.table?.columns.map((c) => c.name),
    ).toEqual(['text', 'text_tokens']);
  });

  it('is idempotent: tokens of tokens are the same tokens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 20 }), async (texts) => {
        const once = (await tokensOf(texts)) as string[];
        expect(await tokensOf(once)).toEqual(once);
        for (const tokens of once) expect(tokens).not.toMatch(/^\s|\s$|\s\s|[\p{P}\p{S}]/u);
      }),
      { numRuns: 60 },
    );
  });
});
