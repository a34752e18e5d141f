import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rolesDocsFile, rolesDocsText } from './roles-docs';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('docs/roles.md', () => {
  it('is committed as roles.ts writes it (run `npx tsx server/scripts/write-roles-docs.ts` after changing a role)', () => {
    expect(readFileSync(`${root}${rolesDocsFile}`, 'utf8')).toBe(rolesDocsText());
  });

  it('shows the client and metrics roles without graphs:read, as the code has it', () => {
    const line = rolesDocsText()
      .split('\n')
      .find((l) => l.startsWith('| `graphs:read` |'));
    expect(line?.split('|').map((cell) => cell.trim())).toEqual(['', '`graphs:read`', '✓', '✓', '✓', '✓', '', '', expect.any(String), '']);
  });
});
