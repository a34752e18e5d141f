import { defineNode, parseCsv, port, type Result, readArrow, readJson, readParquet } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { z } from 'zod';
import { tableOrThrow } from './table-or-throw';

type Format = 'csv' | 'json' | 'parquet' | 'arrow';

const config = z.object({
  url: z
    .string()
    .max(4000)
    .regex(/^https?:\/\//i, 'an http:// or https:// URL')
    .describe('The address of the data. On the server, private and internal addresses are refused unless an operator allows them.'),
  format: z.enum(['auto', 'csv', 'json', 'parquet', 'arrow']).default('auto').describe('auto: from the Content-Type, then the URL ending.'),
  maxMegabytes: z.number().positive().max(2048).default(100).describe('The largest download accepted.'),
  timeoutSeconds: z.number().positive().max(3600).default(60).describe('How long the download may take, redirects included.'),
});

const byContentType: [RegExp, Format][] = [
  [/parquet/i, 'parquet'],
  [/arrow/i, 'arrow'],
  [/json/i, 'json'],
  [/csv|tab-separated|text\/plain/i, 'csv'],
];
const byEnding: [RegExp, Format][] = [
  [/\.parquet$/i, 'parquet'],
  [/\.(arrow|arrows|feather|ipc)$/i, 'arrow'],
  [/\.(json|ndjson|jsonl)$/i, 'json'],
  [/\.(csv|tsv|txt)$/i, 'csv'],
];

/** The format to parse: the config's, else the content type's, else the URL path's ending, else CSV. */
export function formatOf(configured: Format | 'auto', contentType: string, url: string): Format {
  if (configured !== 'auto') return configured;
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  return byContentType.find(([re]) => re.test(contentType))?.[1] ?? byEnding.find(([re]) => re.test(path))?.[1] ?? 'csv';
}

async function parse(format: Format, bytes: Uint8Array, signal: AbortSignal): Promise<Result<Table>> {
  if (format === 'json') return readJson(bytes);
  if (format === 'parquet') return readParquet(bytes, { signal });
  if (format === 'arrow') return readArrow(bytes);
  const csv = parseCsv(bytes);
  return csv.ok ? { ok: true, value: csv.value.table } : csv;
}

/** Downloads a CSV, JSON, Parquet or Arrow file from an http(s) URL into a table. */
export const httpSource = defineNode({
  type: 'source.http',
  version: 1,
  category: 'source',
  title: 'URL',
  description: 'Downloads a CSV, JSON, Parquet or Arrow file from an http(s) address.',
  inputs: {},
  outputs: { table: port.table() },
  config,
  // The remote file may change at any time: read it on every run.
  cache: 'volatile',
  infer: () => ({}),
  run: async ({ config, ctx }) => {
    const response = await ctx.http.get(config.url, {
      maxBytes: Math.round(config.maxMegabytes * 2 ** 20),
      timeoutMs: config.timeoutSeconds * 1000,
      signal: ctx.signal,
    });
    const format = formatOf(config.format, response.contentType, response.url);
    ctx.log('info', `Read ${response.bytes.byteLength} bytes from ${response.url} as ${format}.`);
    return { table: tableOrThrow(await parse(format, response.bytes, ctx.signal), config.url, format.toUpperCase()) };
  },
});
