import { useState } from 'react';
import { saveFile } from './save-file';

/** A download started by a click: busy while the file is made, then saved, or the reason it failed. */
export function useDownload() {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const download = async (name: string, load: () => Promise<Blob>) => {
    setState({ busy: true });
    try {
      saveFile(await load(), name);
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return { ...state, download };
}
