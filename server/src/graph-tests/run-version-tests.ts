import { type FileStore, type Graph, type GraphTests, type Limit, type NodeRegistry, runGraphTests, UserError } from '@causeway/sdk';
import { folderFiles } from '../cli/folder-files';
import { createNodeOnnxRuntime } from '../onnx/node-runtime';
import type { StoredCase } from './graph-tests-repository';

/** Without a files folder, a case naming a fixture or golden file says there is none. */
const noFiles: FileStore = {
  read: async (name) => {
    throw new UserError('FILE_UNKNOWN', `No file "${name}": this server keeps no files; use inline fixtures and values.`);
  },
  fingerprint: async (name) => {
    throw new UserError('FILE_UNKNOWN', `No file "${name}": this server keeps no files.`);
  },
};

const missingUpload = (name: string) => `No file "${name}" in the server's files; upload it through /api/files first.`;

/**
 * Runs a graph version's tests on the server with the SDK's runner, as many cases at once as `limit`
 * allows (shared by every request, so test runs cannot crowd out the API). Fixture and
 * golden files are read from the server's files folder, as runs read theirs. The run gets no model
 * registry, HTTP or SQL client: a test never registers a model or reaches a live source (replace
 * sources with fixtures).
 */
export async function runVersionTests(
  graph: Graph,
  tests: GraphTests,
  options: { registry: NodeRegistry; limit: Limit; filesDir?: string | undefined; signal?: AbortSignal },
): Promise<StoredCase[]> {
  const files = options.filesDir === undefined ? noFiles : folderFiles(options.filesDir, missingUpload);
  const results = await runGraphTests(graph, tests, {
    registry: options.registry,
    files,
    onnx: createNodeOnnxRuntime(),
    parallel: options.limit,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return results.map(({ name, status, durationMs, issues, failures }) => ({
    name,
    status,
    durationMs: Math.round(durationMs),
    issues: issues.map(({ code, path, message }) => ({ code, path: [...path], message })),
    failures: failures.map((failure) => ({ ...failure })),
  }));
}
