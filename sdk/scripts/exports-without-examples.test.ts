import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { exportsWithoutExamples } from './exports-without-examples';

const sdkDir = join(import.meta.dirname, '..');

// The list only shrinks: a new export must come with an @example, and one that gains an example leaves the list.
it('every exported SDK symbol has a JSDoc @example, but for the listed ones still being written', async () => {
  const known: string[] = JSON.parse(await readFile(join(import.meta.dirname, 'exports-without-examples.json'), 'utf8'));
  expect(exportsWithoutExamples(sdkDir)).toEqual(known);
}, 120_000);
