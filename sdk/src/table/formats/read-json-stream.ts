import type { Table } from 'apache-arrow';
import type { Result } from '../../errors/issue';
import { Columns, issue, type JsonOptions, readArray, readNdjson, tableOfColumns } from './json-records';

/**
 * {@link readJson} over bytes arriving in chunks (a download): NDJSON is read line by line as the
 * chunks come, so the whole text is never held; an array of objects (one JSON value) is gathered and
 * read at the end. Same result and the same errors, with the same line numbers, as `readJson` on the
 * whole input.
 *
 * @example
 * const r = await readJsonStream(response.body, { format: 'auto' });
 */
export async function readJsonStream(chunks: AsyncIterable<Uint8Array>, options: JsonOptions = {}): Promise<Result<Table>> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const columns = new Columns(options.maxColumns ?? 10_000);
  let format = options.format === 'array' || options.format === 'ndjson' ? options.format : undefined;
  const gathered: string[] = [];
  let pending = '';
  let nextLine = 1;
  const readLines = (text: string): ReturnType<typeof readNdjson> => {
    const problem = readNdjson(text, columns, nextLine);
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) nextLine++;
    nextLine++;
    return problem;
  };
  const take = (text: string): ReturnType<typeof readNdjson> => {
    pending += text;
    if (format === undefined) {
      const first = /\S/.exec(pending)?.[0];
      if (first === undefined) return undefined;
      format = first === '[' ? 'array' : 'ndjson';
    }
    if (format === 'array') {
      gathered.push(pending);
      pending = '';
      return undefined;
    }
    const end = pending.lastIndexOf('\n');
    if (end < 0) return undefined;
    const lines = pending.slice(0, end);
    pending = pending.slice(end + 1);
    return readLines(lines);
  };
  const notUtf8: Result<Table> = { ok: false, issues: [issue('The file is not valid UTF-8 text.')] };
  const decode = (chunk?: Uint8Array): string | null => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      return null;
    }
  };
  for await (const chunk of chunks) {
    const text = decode(chunk);
    if (text === null) return notUtf8;
    const problem = take(text);
    if (problem) return { ok: false, issues: [problem] };
  }
  const rest = decode();
  if (rest === null) return notUtf8;
  const last = take(rest);
  if (last) return { ok: false, issues: [last] };
  if (format === undefined) return { ok: false, issues: [issue('The file is empty.')] };
  const problem = format === 'array' ? readArray(gathered.join(''), columns) : pending === '' ? undefined : readLines(pending);
  if (problem) return { ok: false, issues: [problem] };
  return tableOfColumns(columns, options);
}
