import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ErrorCode, errorCatalog, helpUrl } from '../src/errors/catalog';
import { errorDocsFile, errorDocsText } from './error-docs';

const committed = () => readFileSync(fileURLToPath(new URL(`../../${errorDocsFile}`, import.meta.url)), 'utf8');

describe('docs/errors.md', () => {
  it('is committed as the script writes it (run `npx tsx sdk/scripts/write-error-docs.ts` after changing the catalog)', () => {
    expect(committed()).toBe(errorDocsText());
  });

  it('has the section every help link points at', () => {
    const headings = new Set(
      committed()
        .match(/^## .+$/gm)
        ?.map((h) => h.slice(3)),
    );
    for (const code of Object.keys(errorCatalog) as ErrorCode[]) {
      const anchor = helpUrl(code).split('#')[1];
      expect(headings.has(anchor as string), code).toBe(true);
    }
  });
});
