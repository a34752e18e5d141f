import { createBuiltinRegistry } from '@causeway/nodes';
import { describeNode, type NodeDescriptor } from '@causeway/sdk';
import { runnerImport } from 'vite';
import { expect, test } from 'vitest';
import { builtinCatalog, builtinCatalogId } from './builtin-catalog-plugin';

test('the generated built-in catalog is describeNode over the live registry, through JSON as the page gets it', async () => {
  const { module } = await runnerImport<{ default: NodeDescriptor[] }>(builtinCatalogId, {
    configFile: false,
    logLevel: 'silent',
    plugins: [builtinCatalog()],
  });
  const live = createBuiltinRegistry().list().map(describeNode);
  expect(live.map((d) => `${d.type}@${d.version}`)).toContain('source.inline@1');
  expect(module.default).toEqual(live);
  // Structured clone (the worker's way) and JSON differ on undefined and non-JSON values: none may be present.
  expect(module.default).toStrictEqual(JSON.parse(JSON.stringify(live)));
});
