import {
  defineNode,
  type HttpGetOptions,
  type HttpStream,
  type InputLimits,
  parseCsvStream,
  port,
  type Result,
  readArrow,
  readHttpStream,
  readJsonStream,
  readParquet,
} from '@causeway/sdk';
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

/** Counts the bytes that pass, for the log line. */
async function* counted(body: AsyncIterable<Uint8Array>, tally: { bytes: number }): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    tally.bytes += chunk.byteLength;
    yield chunk;
  }
}

/**
 * Parses the download: CSV and JSON as the body streams (NDJSON line by line; the CSV reader may ask
 * for the body again, which downloads it again, when a column turns out to be text after numbers);
 * Parquet and Arrow need the whole file.
 */
async function parse(
  format: Format,
  first: HttpStream,
  reopen: () => Promise<HttpStream>,
  tally: { bytes: number },
  signal: AbortSignal,
  limits: InputLimits,
): Promise<Result<Table>> {
  if (format === 'csv') {
    let fresh: HttpStream | null = first;
    const open = (): AsyncIterable<Uint8Array> => {
      const response = fresh;
      fresh = null;
      if (response) return counted(response.body, tally);
      tally.bytes = 0;
      return (async function* () {
        yield* counted((await reopen()).body, tally);
      })();
    };
    const csv = await parseCsvStream(open, {
      maxLineBytes: limits.csvLineBytes,
      ...(first.length === undefined ? {} : { expectedBytes: first.length }),
    });
    return csv.ok ? { ok: true, value: csv.value.table } : csv;
  }
  if (format === 'json') return readJsonStream(counted(first.body, tally));
  const { bytes } = await readHttpStream({ ...first, body: counted(first.body, tally) });
  if (format === 'arrow') return readArrow(bytes);
  return readParquet(bytes, { signal, maxColumns: limits.parquetColumns, maxDepth: limits.parquetDepth });
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
    const options: HttpGetOptions = {
      maxBytes: Math.round(config.maxMegabytes * 2 ** 20),
      timeoutMs: config.timeoutSeconds * 1000,
      signal: ctx.signal,
    };
    const response = await ctx.http.stream(config.url, options);
    const format = formatOf(config.format, response.contentType, response.url);
    const tally = { bytes: 0 };
    const table = await parse(format, response, () => ctx.http.stream(config.url, options), tally, ctx.signal, ctx.limits);
    ctx.log('info', `Read ${tally.bytes} bytes from ${response.url} as ${format}.`);
    return { table: tableOrThrow(table, config.url, format.toUpperCase()) };
  },
});
