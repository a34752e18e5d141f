import { InternalError } from '@causeway/sdk';
import type * as Ort from 'onnxruntime-node';

let loaded: typeof Ort | undefined;

/** onnxruntime-node, imported when the first model is opened: a server that scores nothing never holds it (~15 MB). */
export async function loadOnnxRuntime(): Promise<typeof Ort> {
  loaded ??= await import('onnxruntime-node');
  return loaded;
}

/** onnxruntime-node once {@link loadOnnxRuntime} has loaded it, for code that runs only on an open session. */
export function loadedOnnxRuntime(): typeof Ort {
  if (loaded === undefined) throw new InternalError('onnxruntime-node is used before a model was opened.');
  return loaded;
}
