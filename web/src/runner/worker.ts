import { expose, transfer } from 'comlink';
import { createEditorRegistry } from '../registry';
import { browserHttp, lazyWebOnnx } from './browser-services';
import { RunnerCore } from './runner-core';
import type { RunnerApi } from './runner-protocol';

// The engine, node code and every output live here; the page only renders.
const core = new RunnerCore(createEditorRegistry(), { onnx: lazyWebOnnx, http: browserHttp });

const api: RunnerApi = {
  run: (request, onEvent) => core.run(request, onEvent),
  cancel: () => core.cancel(),
  // Table pages move as Arrow IPC bytes whose buffer is transferred, not copied.
  preview: async (nodeId, portId, offset, limit) => {
    const page = await core.preview(nodeId, portId, offset, limit);
    return page.kind === 'table' ? transfer(page, [page.ipc.buffer]) : page;
  },
  profile: (nodeId, portId) => core.profile(nodeId, portId),
  putFile: (name, bytes) => core.putFile(name, bytes),
  fileNames: () => core.fileNames(),
};

expose(api);
