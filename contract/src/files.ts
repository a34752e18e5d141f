import { type ColumnType, columnTypes } from '@causeway/sdk';
import { z } from 'zod';
import { listOf } from './common';

/** A flat name: no folders, no leading dot (temporary files start with one), nothing a shell or URL would mangle. */
export const fileName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._()-]*$/, 'a file name is a letter or digit, then letters, digits, spaces and . _ ( ) -')
  .refine((name) => !name.endsWith('.') && !name.endsWith(' '), 'a file name cannot end with a dot or a space');
export const fileNameParam = z.object({ name: fileName });
// Published as required, which a raw body needs; a multipart body may leave it to its part's file name.
export const uploadFileQuery = z.object({ name: fileName.optional().meta({ param: { required: true } }) });

const tableSchema = z
  .object({
    columns: z.array(z.object({ name: z.string(), type: z.enum(columnTypes as [ColumnType, ...ColumnType[]]), nullable: z.boolean() })),
  })
  .meta({ id: 'TableSchema' });

/** An uploaded file. */
export const fileInfo = z
  .object({
    name: z.string(),
    size: z.number().int(),
    modifiedAt: z.string(),
    schema: tableSchema.optional().describe('A CSV’s columns as a run reads them with default options, read at upload'),
    owner: z.string().nullable().describe('Who uploaded it: they or an admin may replace or delete it (null: nobody yet)'),
  })
  .meta({ id: 'UploadedFile' });
export const fileList = listOf(fileInfo);
