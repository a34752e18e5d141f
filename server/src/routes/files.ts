import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type Dirent } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileInfo, fileList, fileName, fileNameParam, type UploadedFileInfo, uploadFileQuery } from '@causeway/contract';
import { type TableSchema, UserError } from '@causeway/sdk';
import { z } from '@hono/zod-openapi';
import { requireOwner } from '../auth/ownership';
import { multipartFile } from '../files/multipart-file';
import { readUploadSchema, removeUploadSchema, uploadSchemaOf, writeUploadSchema } from '../files/upload-schema';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { binarySchema, errorResponses, jsonResponse, multipartFiles } from '../http/schemas';
import type { Services } from '../http/services';
import { FileOwnersRepository } from '../repositories/file-owners-repository';
import { actorOf } from './actor-of';

/** Where uploads go and how big one may be. */
export interface FileRoutesOptions {
  /** The folder runs read files from (`<dataDir>/files`); absent: uploads are not kept on this server. */
  filesDir: string | undefined;
  /** Largest upload in bytes. */
  maxBytes: number;
}

const list = defineRoute('graphs:read', {
  method: 'get',
  path: '/',
  operationId: 'listFiles',
  summary: 'List uploaded files (what file-based source nodes can read)',
  tags: ['files'],
  responses: { 200: jsonResponse('Files', fileList), ...errorResponses(404) },
});

const upload = defineRoute('graphs:write', {
  method: 'post',
  path: '/',
  operationId: 'uploadFile',
  summary:
    'Upload a file: the raw body, or multipart/form-data with a `file` part; `name` names it (else the part’s file name). A .csv, .tsv or .txt is read at upload: one that cannot be read is refused (naming the line or byte), and its schema is kept',
  tags: ['files'],
  request: {
    query: uploadFileQuery,
    body: {
      required: true,
      content: {
        'application/octet-stream': { schema: binarySchema },
        'multipart/form-data': { schema: multipartFiles({ file: 'The file; its name is used when `name` is not given.' }) },
      },
    },
  },
  responses: {
    201: jsonResponse('Stored (a file of the same name is replaced, by its owner or an admin)', fileInfo),
    ...errorResponses(403, 404),
  },
});

const download = defineRoute('graphs:read', {
  method: 'get',
  path: '/{name}',
  operationId: 'downloadFile',
  summary: 'Read an uploaded file',
  tags: ['files'],
  request: { params: fileNameParam },
  responses: {
    200: { description: 'The file’s bytes', content: { 'application/octet-stream': { schema: z.string() } } },
    ...errorResponses(404),
  },
});

const remove = defineRoute('graphs:write', {
  method: 'delete',
  path: '/{name}',
  operationId: 'deleteFile',
  summary: 'Delete an uploaded file (its owner or an admin)',
  tags: ['files'],
  request: { params: fileNameParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(403, 404) },
});

// A folder not made yet holds no files; any other failure to list it is an error, not an empty list.
function emptyIfMissing(error: NodeJS.ErrnoException): Dirent[] {
  if (error.code === 'ENOENT') return [];
  throw error;
}

function folderOf(options: FileRoutesOptions): string {
  if (options.filesDir === undefined) throw new UserError('NOT_FOUND', 'This server keeps no uploaded files.');
  return options.filesDir;
}

function tooLarge(maxBytes: number): UserError {
  return new UserError('PAYLOAD_TOO_LARGE', `The file is larger than the upload limit of ${maxBytes} bytes.`, {
    details: { limit: maxBytes },
  });
}

/**
 * Streams the body to a temporary file, counting bytes against the cap, reads a CSV's schema from
 * it (refusing one that cannot be read), then moves it into place: nothing half-read is ever stored.
 */
async function store(
  folder: string,
  name: string,
  body: Readable,
  maxBytes: number,
): Promise<{ size: number; schema: TableSchema | undefined }> {
  await mkdir(folder, { recursive: true });
  await refuseNonFile(folder, name);
  const temporary = join(folder, `.upload-${randomBytes(8).toString('hex')}`);
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(body, cap, createWriteStream(temporary, { flags: 'wx' }));
    const schema = await readUploadSchema(temporary, name, size);
    await writeUploadSchema(folder, name, schema);
    await rename(temporary, join(folder, name)).catch(async (error: unknown) => {
      // Something other than a file took the name meanwhile.
      await refuseNonFile(folder, name);
      throw error;
    });
    return { size, schema };
  } finally {
    await rm(temporary, { force: true });
  }
}

/** An upload may replace a file, never a folder or anything else of the same name. */
async function refuseNonFile(folder: string, name: string): Promise<void> {
  const existing = await lstat(join(folder, name)).catch(() => undefined);
  if (existing !== undefined && !existing.isFile())
    throw new UserError('CONFLICT', `"${name}" is taken by something that is not a file (a folder or a link); choose another name.`, {
      details: { name },
    });
}

async function infoOf(folder: string, name: string): Promise<Omit<UploadedFileInfo, 'owner'>> {
  const s = await stat(join(folder, name));
  const schema = await uploadSchemaOf(folder, name);
  return { name, size: s.size, modifiedAt: s.mtime.toISOString(), ...(schema ? { schema } : {}) };
}

async function existing(folder: string, name: string): Promise<string> {
  const path = join(folder, name);
  // lstat: a link planted in the folder is not a file of it.
  const s = await lstat(path).catch(() => null);
  if (!s?.isFile()) throw new UserError('NOT_FOUND', `No uploaded file named "${name}".`, { details: { name } });
  return path;
}

/**
 * Files uploaded through the editor, kept in the folder runs read from: a CSV source whose `file` is
 * the uploaded name reads it on the server, and the editor's own runs fetch it from here.
 */
export function fileRoutes(services: Services, options: FileRoutesOptions) {
  const { audit } = services;
  const owners = new FileOwnersRepository(services.db);
  const withOwner = async (folder: string, name: string) => ({ ...(await infoOf(folder, name)), owner: (await owners.get(name)) ?? null });
  return newRouter()
    .openapi(list, async (c) => {
      const folder = folderOf(options);
      const names = (await readdir(folder, { withFileTypes: true }).catch(emptyIfMissing))
        .filter((entry) => entry.isFile() && fileName.safeParse(entry.name).success)
        .map((entry) => entry.name)
        .sort();
      const byName = await owners.all();
      const items = await Promise.all(names.map(async (name) => ({ ...(await infoOf(folder, name)), owner: byName.get(name) ?? null })));
      return c.json({ items }, 200);
    })
    .openapi(upload, async (c) => {
      const folder = folderOf(options);
      let name = c.req.valid('query').name;
      const raw = c.req.raw.body;
      if (!raw) throw new UserError('REQUEST_INVALID', 'The request has no body to store.');
      const contentType = c.req.header('content-type') ?? '';
      let body: Readable;
      let parsing: Promise<void> | undefined;
      if (/^multipart\/form-data\b/i.test(contentType)) {
        const part = await multipartFile(raw, contentType);
        if (name === undefined) {
          const parsed = fileName.safeParse(part.filename);
          if (!parsed.success) {
            part.stream.resume();
            throw new UserError(
              'REQUEST_INVALID',
              `"${part.filename}" is not a file name this server accepts: ${parsed.error.issues[0]?.message}.`,
            );
          }
          name = parsed.data;
        }
        body = part.stream;
        parsing = part.done;
      } else body = Readable.fromWeb(raw as Parameters<typeof Readable.fromWeb>[0]);
      if (name === undefined) throw new UserError('REQUEST_INVALID', 'Name the file: ?name=sales.csv.', { details: { field: 'name' } });
      const actor = actorOf(c);
      const owner = await owners.get(name);
      if (owner !== undefined) {
        try {
          requireOwner('file', actor, owner, `file "${name}"`);
        } catch (error) {
          body.resume();
          throw error;
        }
      }
      const { size } = await store(folder, name, body, options.maxBytes);
      await parsing;
      await owners.claim(name, actor.name);
      await audit.record({ actor: actor.name, action: 'file.upload', target: `file:${name}`, details: { size } });
      return c.json(await withOwner(folder, name), 201);
    })
    .openapi(download, async (c) => {
      const { name } = c.req.valid('param');
      const path = await existing(folderOf(options), name);
      const { size, mtime } = await stat(path);
      return c.body(Readable.toWeb(createReadStream(path)) as ReadableStream, 200, {
        'content-type': 'application/octet-stream',
        'content-length': String(size),
        'last-modified': mtime.toUTCString(),
      });
    })
    .openapi(remove, async (c) => {
      const { name } = c.req.valid('param');
      const folder = folderOf(options);
      const path = await existing(folder, name);
      const actor = actorOf(c);
      const owner = await owners.get(name);
      if (owner !== undefined) requireOwner('file', actor, owner, `file "${name}"`);
      await rm(path);
      await removeUploadSchema(folder, name);
      await owners.forget(name);
      await audit.record({ actor: actor.name, action: 'file.delete', target: `file:${name}` });
      return c.body(null, 204);
    });
}
