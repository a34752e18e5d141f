import { Readable } from 'node:stream';
import { UserError } from '@causeway/sdk';
import busboy from 'busboy';

/** The `file` part of a multipart body, as a stream, with the name its part gives. */
export interface MultipartFile {
  stream: Readable;
  filename: string;
  /** Settles when the whole body has been read (or failed). */
  done: Promise<void>;
}

/**
 * Finds the `file` part of a multipart/form-data body while the body streams in, so an upload is
 * never held in memory whole: the part's bytes flow to whoever reads `stream`. Other parts are
 * drained; a body with no `file` part is REQUEST_INVALID.
 */
export function multipartFile(body: ReadableStream<Uint8Array>, contentType: string): Promise<MultipartFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 40 } });
    } catch {
      reject(new UserError('REQUEST_INVALID', 'The multipart body cannot be read: its content type has no boundary.'));
      return;
    }
    let found = false;
    const done = new Promise<void>((settle, fail) => {
      parser.on('close', settle);
      parser.on('error', (error) => fail(new UserError('REQUEST_INVALID', 'The multipart body cannot be read.', { cause: error })));
    });
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({ stream, filename: info.filename ?? '', done });
    });
    done.then(
      () => {
        if (!found) reject(new UserError('REQUEST_INVALID', 'The multipart body has no "file" part.'));
      },
      (error: unknown) => {
        if (!found) reject(error);
      },
    );
    Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]).pipe(parser);
  });
}
