import { fileInfo, fileList } from '@causeway/contract';
import type { TableSchema } from '@causeway/sdk';
import { createContext, useContext, useEffect, useId, useRef, useState } from 'react';
import { type ApiClient, readError } from '../../api/api-client';
import { parseAnswer } from '../../api/parse-answer';
import type { FieldProps } from '../field-context';
import type { FieldModel } from '../form-model';
import { FileField } from './PickerFields';

/** Where a chosen file goes, and which files are there already; absent when the editor has no server. */
export interface FileUploads {
  /** Stores the file and resolves to the name a source node reads it by. */
  upload(file: File): Promise<string>;
  /** Names of files already uploaded. */
  list(): Promise<string[]>;
}

/** Given by the app when it talks to a server; file fields then offer an upload button. */
export const FileUploadsContext = createContext<FileUploads | undefined>(undefined);

/**
 * Uploads through the server's `/api/files`, the folder its runs read from. `onSchemas` hears the
 * schema the server read from each file uploaded or listed (the editor's design-time columns).
 */
export function serverUploads(
  api: ApiClient,
  onSchemas: (schemas: Array<[string, TableSchema | undefined]>) => void = () => {},
): FileUploads {
  return {
    async upload(file) {
      const response = await api.fetchRaw(`/api/files?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': file.type || 'application/octet-stream' },
        body: file,
      });
      if (!response.ok) throw await readError(response);
      const info = parseAnswer(fileInfo, await response.json(), 'POST /api/files', response.status);
      onSchemas([[info.name, info.schema]]);
      return info.name;
    },
    async list() {
      const { items } = await api.request('GET', '/api/files', fileList);
      onSchemas(items.map((f) => [f.name, f.schema]));
      return items.map((f) => f.name);
    },
  };
}

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; name: string }
  | { kind: 'done'; name: string; bytes: number }
  | { kind: 'failed'; message: string };

const sizeText = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/**
 * A file field with an upload button: the chosen file is stored on the server (where server runs
 * read it, and browser runs fetch it) and its name fills the field. Without a server it is the plain
 * file field, whose names come from files dropped on the canvas.
 */
export function UploadField(props: FieldProps<Extract<FieldModel, { kind: 'file' }>>) {
  const uploads = useContext(FileUploadsContext);
  const picker = useRef<HTMLInputElement>(null);
  const statusId = useId();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [uploaded, setUploaded] = useState<string[]>([]);

  useEffect(() => {
    if (!uploads) return;
    let live = true;
    uploads.list().then(
      (names) => live && setUploaded(names),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [uploads]);

  if (!uploads) return <FileField {...props} />;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setStatus({ kind: 'busy', name: file.name });
    try {
      const name = await uploads.upload(file);
      setUploaded((names) => (names.includes(name) ? names : [...names, name].sort()));
      setStatus({ kind: 'done', name, bytes: file.size });
      props.onChange(name);
    } catch (error) {
      setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (picker.current) picker.current.value = '';
    }
  };

  const files = [...new Set([...props.files, ...uploaded])].sort();
  return (
    <div className="upload-field">
      <FileField {...props} files={files} />
      <input
        ref={picker}
        type="file"
        hidden
        aria-label={`Upload a file for ${props.label}`}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      <button type="button" onClick={() => picker.current?.click()} disabled={status.kind === 'busy'} aria-describedby={statusId}>
        Upload…
      </button>
      <span id={statusId} className={`upload-status${status.kind === 'failed' ? ' error' : ''}`} role="status">
        {status.kind === 'busy' && `Uploading ${status.name}…`}
        {status.kind === 'done' && `Uploaded ${status.name} (${sizeText(status.bytes)}).`}
        {status.kind === 'failed' && `Not uploaded: ${status.message}`}
      </span>
    </div>
  );
}
