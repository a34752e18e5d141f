import { defineNode, parseCsv, port, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { sampleCatalog } from './sample-catalog';

type SampleName = keyof typeof sampleCatalog;
const names = Object.keys(sampleCatalog) as [SampleName, ...SampleName[]];

const config = z.object({
  dataset: z.enum(names).describe(names.map((n) => `${n}: ${sampleCatalog[n].title}`).join('; ')),
});

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * A dataset shipped with Causeway, for templates and first steps. The CSV text is bundled in this
 * package (no file store involved), so it reads the same in the browser and on the server.
 */
export const sampleSource = defineNode({
  type: 'source.sample',
  version: 1,
  category: 'source',
  title: 'Sample dataset',
  description: 'A small synthetic dataset shipped with Causeway: churn (classification), housing (regression) or visitors (time series).',
  inputs: {},
  outputs: { table: port.table() },
  config,
  infer: ({ config }) => ({ table: sampleCatalog[config.dataset].schema }),
  fingerprint: async ({ config }) => `${config.dataset}:${fnv1a(sampleCatalog[config.dataset].text)}`,
  run: async ({ config }) => {
    const sample = sampleCatalog[config.dataset];
    const types = Object.fromEntries(sample.schema.columns.map((c) => [c.name, c.type]));
    const parsed = parseCsv(new TextEncoder().encode(sample.text), { types, delimiter: ',', header: true });
    if (!parsed.ok) throw new UserError('INPUT_INVALID', `The sample "${config.dataset}" cannot be read.`, { issues: parsed.issues });
    return { table: parsed.value.table };
  },
});
