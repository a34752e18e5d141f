import { errorCatalog } from '../src/errors/catalog';

/** Where the error reference lives, relative to the repository root (`helpUrl` points into it). */
export const errorDocsFile = 'docs/errors.md';

const kindMeaning = {
  user: 'the input is wrong; shown to the user as it is (HTTP 4xx)',
  node: 'a node failed while running; the run names the node',
  internal: 'a bug or an outage; logged in full, shown as a short message (HTTP 5xx)',
} as const;

/** The error reference, generated from the catalog so the two never drift apart. */
export function errorDocsText(): string {
  const lines = [
    '# Error codes',
    '',
    'Every error and validation issue carries one of these stable codes. Generated from',
    '`sdk/src/errors/catalog.ts` by `npx tsx sdk/scripts/write-error-docs.ts`; do not edit by hand.',
    '',
    ...Object.entries(kindMeaning).map(([kind, meaning]) => `- **${kind}**: ${meaning}.`),
    '',
  ];
  for (const [code, { kind, summary }] of Object.entries(errorCatalog)) {
    lines.push(`## ${code.toLowerCase()}`, '', `\`${code}\` (${kind}): ${summary}`, '');
  }
  return lines.join('\n');
}
