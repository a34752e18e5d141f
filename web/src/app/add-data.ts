import type { EditorStore } from '../canvas/editor-store';
import { graphEdits } from '../canvas/graph-edits';
import { nodeIndex } from '../canvas/to-flow';
import type { FileUploads } from '../inspector/fields/UploadField';
import type { BrowserRunner } from '../runner/browser-runner';

/** What adding data needs from the editor: where files go, and how a CSV source node is placed. */
export interface AddDataTarget {
  /** The server's file store when the editor may upload there; absent: files stay in the browser. */
  uploads: FileUploads | undefined;
  runner: Pick<BrowserRunner, 'putFile'>;
  store: EditorStore;
  /** Adds a `source.csv` node where new nodes go and answers its id. */
  placeSource(): string | undefined;
}

/**
 * Adds data files ("Add data…", or dropped on the canvas), each as a CSV source reading it. With a
 * server they are uploaded to its file store, so a server run reads the same file a browser run
 * fetches; without one they stay in the browser runner. Either way the file's schema is read as it
 * is added, so columns are known before any run; a file that cannot be read is refused, with the
 * reason, and no node is added for it.
 */
export async function addDataFiles(files: readonly File[], target: AddDataTarget): Promise<void> {
  const { uploads, runner, store } = target;
  for (const file of files) {
    let name: string;
    try {
      if (uploads) name = await uploads.upload(file);
      else {
        await runner.putFile(file.name, new Uint8Array(await file.arrayBuffer()));
        name = file.name;
      }
    } catch (error) {
      store.notify(`“${file.name}” was not added: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const id = target.placeSource();
    if (!id) continue;
    const config = nodeIndex(store.getState().graph).get(id)?.config;
    store.commit(graphEdits.setConfig(store.getState().graph, id, { ...config, file: name }));
    store.notify(uploads ? `Uploaded ${name} to the server.` : `Added ${name} (kept in this browser).`);
  }
}
