import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatIssue, parseCsvStream, type TableSchema, tableSchemaOf, UserError } from '@causeway/sdk';
import { fileChunks } from '../cli/folder-files';

/** Files read as CSV at upload: their columns are known to the editor before any run. */
const tabular = /\.(csv|tsv|txt)$/i;

/** Where the schema of an uploaded file is kept: a hidden folder that neither the list nor a run sees. */
const schemaPath = (folder: string, name: string) => join(folder, '.schemas', `${name}.json`);

/**
 * Reads an uploaded CSV as a run with default options would (same reader, same type inference)
 * and returns its schema; a file that cannot be read fails with INPUT_INVALID naming the line or
 * byte. Other files have no schema.
 *
 * @example
 * const schema = await readUploadSchema('/data/files/.upload-1f', 'sales.csv', 5120);
 */
export async function readUploadSchema(path: string, name: string, size: number): Promise<TableSchema | undefined> {
  if (!tabular.test(name)) return undefined;
  const parsed = await parseCsvStream(() => fileChunks(path, 1 << 20), { expectedBytes: size });
  if (!parsed.ok) {
    const detail = parsed.issues.map((issue) => formatIssue(issue)).join('; ');
    throw new UserError('INPUT_INVALID', `"${name}" cannot be read as CSV, so it was not stored: ${detail}`, { issues: parsed.issues });
  }
  return tableSchemaOf(parsed.value.table);
}

/** Keeps (or, for a file without one, removes) the schema beside an uploaded file. */
export async function writeUploadSchema(folder: string, name: string, schema: TableSchema | undefined): Promise<void> {
  if (!schema) return removeUploadSchema(folder, name);
  await mkdir(join(folder, '.schemas'), { recursive: true });
  await writeFile(schemaPath(folder, name), JSON.stringify(schema));
}

/** The schema kept for an uploaded file, if there is one. */
export async function uploadSchemaOf(folder: string, name: string): Promise<TableSchema | undefined> {
  const text = await readFile(schemaPath(folder, name), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as TableSchema);
}

export async function removeUploadSchema(folder: string, name: string): Promise<void> {
  await rm(schemaPath(folder, name), { force: true });
}
