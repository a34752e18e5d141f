import { useEffect, useState } from 'react';
import type { BrowserRunner } from '../runner/browser-runner';
import { useDownload } from './use-download';

/** The file a value names, when it has a `path` (what `sink.file` answers). */
export function writtenPath(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('path' in value)) return undefined;
  return typeof value.path === 'string' ? value.path : undefined;
}

/**
 * Offers a file a browser run wrote (a `sink.file` node's output names it) as a download; the
 * browser has no export folder, so this is where the file goes.
 */
export function ExportDownload({ browser, path, runKey }: { browser: BrowserRunner; path: string; runKey: string }) {
  const { busy, error, download } = useDownload();
  const [kept, setKept] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runKey re-checks after each run
  useEffect(() => {
    let live = true;
    browser.exportedFiles().then((files) => live && setKept(files.includes(path)));
    return () => {
      live = false;
    };
  }, [browser, path, runKey]);
  if (!kept) return null;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const load = async () => new Blob([(await browser.exportedFile(path)) as Uint8Array<ArrayBuffer>]);
  return (
    <p className="export-download">
      <button type="button" disabled={busy} onClick={() => download(name, load)}>
        ⤓ Download {name}
      </button>
      {error && <span className="field-issues"> The file cannot be downloaded: {error}</span>}
    </p>
  );
}
