import {
  type Assertion,
  type FileStore,
  type Graph,
  type GraphTests,
  type HttpClient,
  isArrowTable,
  MemoryOutputCache,
  type ModelValue,
  memoryExports,
  NodeRegistry,
  type OnnxRuntime,
  type PortSpec,
  parseCsv,
  pinAsExpected,
  type RunEvent,
  runGraph,
  runGraphTests,
  type TableSchema,
  tableSchemaOf,
  UserError,
} from '@causeway/sdk';
import { type Table, tableToIPC } from 'apache-arrow';
import type { FullAnalysis } from '../canvas/analyze-graph';
import { profileTable } from './column-profile';
import { DesignSchemas } from './design-schemas';
import { fullAnalysis } from './full-analysis';
import type { ColumnProfile, OutputFileFormat, PortPreview, RunnerApi, RunRequest, TestCaseVerdict } from './runner-protocol';
import { tableFile, tableOfPages } from './table-file';

/** What the host lends running nodes: model scoring and URL fetching (absent in tests that need neither). */
export interface RunnerServices {
  onnx?: OnnxRuntime;
  http?: HttpClient;
}

/** The node types a graph runs with (they may depend on the plugin versions it requires), and whether it may run at all. */
export interface RunnerNodes {
  registryFor(graph: Graph): NodeRegistry;
  /** Throws a UserError naming what is missing when the graph cannot run here. */
  assertRunnable(graph: Graph): void;
}

/** Files dropped into the editor, kept in the worker's memory; other names are read from the server's uploads when there is one. */
class UploadedFiles implements FileStore {
  readonly #files = new Map<string, { bytes: Uint8Array; version: number }>();
  #version = 0;
  server: FileStore | undefined;

  put(name: string, bytes: Uint8Array): void {
    this.#files.set(name, { bytes, version: ++this.#version });
  }

  names(): string[] {
    return [...this.#files.keys()].sort();
  }

  #get(name: string) {
    const file = this.#files.get(name);
    if (!file)
      throw new UserError(
        'FILE_UNKNOWN',
        `No file named "${name}" was added to the editor. Add it with Add data… or drop it on the canvas, then run again.`,
      );
    return file;
  }

  async read(name: string, signal?: AbortSignal): Promise<Uint8Array> {
    if (this.server && !this.#files.has(name)) return this.server.read(name, signal);
    return this.#get(name).bytes;
  }

  async fingerprint(name: string): Promise<string> {
    if (this.server && !this.#files.has(name)) return `server:${await this.server.fingerprint(name)}`;
    const file = this.#get(name);
    return `${file.bytes.byteLength}:${file.version}`;
  }
}

function schemasOf(values: Record<string, unknown>): Map<string, TableSchema> {
  const schemas = new Map<string, TableSchema>();
  for (const [portId, value] of Object.entries(values)) if (isArrowTable(value)) schemas.set(portId, tableSchemaOf(value as Table));
  return schemas;
}

/**
 * The engine side of the browser runner: runs graphs, keeps every output in memory and serves
 * previews by page. The worker exposes it through comlink; tests call it directly.
 */
export class RunnerCore implements Omit<RunnerApi, 'start' | 'ping'> {
  #nodes: RunnerNodes;
  readonly #cache = new MemoryOutputCache(500);
  readonly #files = new UploadedFiles();
  // Files sink nodes write: the page offers them as downloads.
  readonly #exports = memoryExports();
  readonly #schemas = new DesignSchemas();
  #outputs = new Map<string, Record<string, unknown>>();
  #specs = new Map<string, Record<string, PortSpec>>();
  #abort: AbortController | undefined;

  readonly #services: RunnerServices;

  constructor(nodes: NodeRegistry | RunnerNodes, services: RunnerServices = {}) {
    this.#nodes = nodes instanceof NodeRegistry ? { registryFor: () => nodes, assertRunnable: () => {} } : nodes;
    this.#services = services;
  }

  /** Swaps the node types (plugins loaded). Outputs already computed stay viewable. */
  replaceNodes(nodes: RunnerNodes): void {
    this.#nodes = nodes;
  }

  /** The full check of a graph: config errors, inference issues and port descriptors. */
  analyze(graph: Graph): FullAnalysis {
    return fullAnalysis(graph, this.#nodes.registryFor(graph), this.#schemas.inferOptions(graph));
  }

  async run(request: RunRequest, onEvent: (event: RunEvent) => void) {
    this.#nodes.assertRunnable(request.graph);
    const registry = this.#nodes.registryFor(request.graph);
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const result = await runGraph(request.graph, {
      registry,
      cache: this.#cache,
      files: this.#files,
      exports: this.#exports,
      signal: abort.signal,
      ...this.#services,
      onEvent,
      ...(request.targets ? { targets: request.targets } : {}),
    });
    // Outputs of nodes outside a partial run stay viewable.
    for (const [nodeId, values] of result.outputs) this.#outputs.set(nodeId, values);
    for (const node of request.graph.nodes) {
      const definition = registry.get(node.type, node.version) ?? registry.latest(node.type);
      if (definition) this.#specs.set(node.id, definition.outputs);
      // What a source read refreshes the design-time view of its output (until its config changes).
      const values = result.outputs.get(node.id);
      if (definition && values && Object.keys(definition.inputs).length === 0) this.#schemas.observe(node, schemasOf(values));
    }
    if (this.#abort === abort) this.#abort = undefined;
    return { status: result.status };
  }

  cancel(): void {
    this.#abort?.abort();
  }

  #value(nodeId: string, portId: string): { ok: true; value: unknown } | { ok: false; message: string } {
    const outputs = this.#outputs.get(nodeId);
    if (!outputs || !Object.hasOwn(outputs, portId))
      return { ok: false, message: `"${nodeId}.${portId}" has no result yet: run the graph.` };
    return { ok: true, value: outputs[portId] };
  }

  async preview(nodeId: string, portId: string, offset: number, limit: number): Promise<PortPreview> {
    const found = this.#value(nodeId, portId);
    if (!found.ok) return { kind: 'missing', message: found.message };
    const value = found.value;
    if (isArrowTable(value)) {
      const table = value as Table;
      const start = Math.max(0, Math.min(offset, table.numRows));
      const end = Math.min(table.numRows, start + Math.max(0, limit));
      return {
        kind: 'table',
        totalRows: table.numRows,
        offset: start,
        schema: tableSchemaOf(table),
        ipc: tableToIPC(table.slice(start, end), 'stream'),
      };
    }
    const kind = this.#specs.get(nodeId)?.[portId]?.kind ?? 'value';
    if (kind === 'model') {
      const model = value as ModelValue;
      return { kind: 'model', card: model.card, bytes: model.onnx.byteLength };
    }
    return { kind: kind === 'table' ? 'value' : kind, value };
  }

  async profile(nodeId: string, portId: string): Promise<ColumnProfile[]> {
    const found = this.#value(nodeId, portId);
    return found.ok && isArrowTable(found.value) ? profileTable(found.value as Table) : [];
  }

  async download(nodeId: string, portId: string, format: OutputFileFormat): Promise<Uint8Array> {
    const found = this.#value(nodeId, portId);
    if (!found.ok) throw new UserError('REQUEST_INVALID', found.message);
    const kind = this.#specs.get(nodeId)?.[portId]?.kind;
    if (format === 'onnx' && kind === 'model') return (found.value as ModelValue).onnx;
    if (format !== 'onnx' && isArrowTable(found.value)) return tableFile(found.value as Table, format);
    throw new UserError('REQUEST_INVALID', `"${nodeId}.${portId}" is not ${format === 'onnx' ? 'a model' : 'a table'}.`);
  }

  exportedFiles(): string[] {
    return [...this.#exports.files.keys()].sort();
  }

  exportedFile(path: string): Uint8Array {
    const bytes = this.#exports.files.get(path);
    if (bytes === undefined) throw new UserError('REQUEST_INVALID', `No run in this editor wrote "${path}": run the graph.`);
    return bytes;
  }

  pin(nodeId: string, portId: string, pages?: Uint8Array[]): Assertion {
    const output = `${nodeId}.${portId}`;
    if (pages !== undefined) return pinAsExpected(output, tableOfPages(pages));
    const found = this.#value(nodeId, portId);
    if (!found.ok) throw new UserError('REQUEST_INVALID', found.message);
    if (!isArrowTable(found.value)) throw new UserError('REQUEST_INVALID', `"${output}" is not a table.`);
    return pinAsExpected(output, found.value as Table);
  }

  async runTests(graph: Graph, tests: GraphTests): Promise<TestCaseVerdict[]> {
    this.#nodes.assertRunnable(graph);
    const results = await runGraphTests(graph, tests, {
      registry: this.#nodes.registryFor(graph),
      files: this.#files,
      ...this.#services,
      parallel: 1,
    });
    return results.map(({ name, status, durationMs, issues, failures }) => ({
      name,
      status,
      durationMs: Math.round(durationMs),
      issues: issues.map(({ code, path, message }) => ({ code, path: [...path], message })),
      failures: failures.map((failure) => ({ ...failure })),
    }));
  }

  writeTable(pages: Uint8Array[], format: 'csv' | 'parquet'): Uint8Array {
    return tableFile(tableOfPages(pages), format);
  }

  /**
   * Keeps a file added in the browser, reading a CSV's schema first as a run would: one that cannot
   * be read is refused (naming the line or byte) and not kept.
   */
  putFile(name: string, bytes: Uint8Array): TableSchema | undefined {
    let schema: TableSchema | undefined;
    if (/\.(csv|tsv|txt)$/i.test(name)) {
      const parsed = parseCsv(bytes);
      if (!parsed.ok) {
        const detail = parsed.issues.map((issue) => issue.message).join('; ');
        throw new UserError('INPUT_INVALID', `"${name}" cannot be read as CSV, so it was not added: ${detail}`);
      }
      schema = tableSchemaOf(parsed.value.table);
    }
    this.#files.put(name, bytes);
    this.#schemas.setFile(name, schema);
    return schema;
  }

  /** Schemas of files uploaded to the server, read there at upload. */
  setFileSchemas(schemas: ReadonlyArray<readonly [string, TableSchema | undefined]>): void {
    for (const [name, schema] of schemas) this.#schemas.setFile(name, schema);
  }

  /** Reads names not dropped into the editor from the server's uploaded files. */
  readServerFiles(files: FileStore): void {
    this.#files.server = files;
  }

  fileNames(): string[] {
    return this.#files.names();
  }
}
