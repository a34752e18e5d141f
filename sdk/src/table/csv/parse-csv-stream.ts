import type { Result } from '../../errors/issue';
import type { CsvOptions } from './csv-options';
import { type CsvParseOutput, parseCsv } from './parse-csv';

/**
 * Reads a CSV arriving in chunks (a file stream, a fetch body). Chunks may split anywhere, even
 * inside a quoted field or a multi-byte character: they are gathered into one buffer (grown by
 * doubling) and parsed as a whole, so the result is the same for every chunking.
 *
 * @example
 * const r = await parseCsvStream(file.stream(), { onBadRow: 'skip' });
 */
export async function parseCsvStream(chunks: AsyncIterable<Uint8Array>, options?: CsvOptions): Promise<Result<CsvParseOutput>> {
  let buffer = new Uint8Array(1 << 16);
  let length = 0;
  try {
    for await (const chunk of chunks) {
      if (length + chunk.length > buffer.length) {
        const next = new Uint8Array(Math.max(length + chunk.length, buffer.length * 2));
        next.set(buffer.subarray(0, length));
        buffer = next;
      }
      buffer.set(chunk, length);
      length += chunk.length;
    }
  } catch (error) {
    return {
      ok: false,
      issues: [
        { code: 'INPUT_INVALID', path: [], message: `The CSV stream failed: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
  return parseCsv(buffer.subarray(0, length), options);
}
