import type { Assertion, ColumnType, Graph, GraphTests, ModelCard, RunEvent, RunStatus, TableSchema } from '@causeway/sdk';
import type { FullAnalysis } from '../canvas/analyze-graph';
import type { CatalogMessage } from '../registry';

/** Where the page finds plugins: the server it came from and the user's token (none: built-ins only). */
export interface StartOptions {
  origin: string;
  token?: string | undefined;
}

/** A GET or HEAD the page made to its server for the worker, answered as plain data. */
export interface ServerAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** The body's bytes (transferred); null for HEAD. */
  body: Uint8Array | null;
}

/**
 * The page's reads of its own server on the worker's behalf: plugin manifests and bundles and uploaded
 * files. The worker lives in a frame with an opaque origin and never holds the user's token.
 */
export interface ServerReader {
  read(path: string, method: 'GET' | 'HEAD'): Promise<ServerAnswer>;
}

/** Options of a browser run. */
export interface RunRequest {
  graph: Graph;
  /** Run only these nodes and what they depend on ("run up to here"). */
  targets?: string[];
}

/** One page of a table output: Arrow IPC bytes (transferred, never cloned row by row). */
export interface TablePage {
  kind: 'table';
  totalRows: number;
  offset: number;
  schema: TableSchema;
  ipc: Uint8Array;
}

/** A non-table output, small enough to send as JSON. Models send their card, not their bytes. */
export type ValuePreview =
  | { kind: 'metrics' | 'report' | 'chart' | 'value'; value: unknown }
  | { kind: 'model'; card: ModelCard; bytes: number };

/** What the preview of one output port returns. */
export type PortPreview = TablePage | ValuePreview | { kind: 'missing'; message: string };

/** Type, nulls, distinct values and a histogram (numbers) or top values (text) of one column. */
export interface ColumnProfile {
  name: string;
  type: ColumnType;
  rows: number;
  nulls: number;
  distinct: number;
  /** Numbers and dates: equal-width bins. */
  histogram?: { min: number; max: number; counts: number[] };
  /** Text, categories and booleans: the most frequent values. */
  top?: Array<{ value: string; count: number }>;
}

/** What an output downloads as: tables as CSV or Parquet, models as their ONNX file (the card rides inside). */
export type OutputFileFormat = 'csv' | 'parquet' | 'onnx';

/** One test case's verdict, in the shape a server run of the tests reports it too. */
export interface TestCaseVerdict {
  name: string;
  status: 'passed' | 'failed' | 'invalid';
  durationMs: number;
  issues: { code: string; path: (string | number)[]; message: string }[];
  failures: { check: string; message: string; code?: string | undefined; diff?: string[] | undefined }[];
}

/** The runner the page talks to (the worker, through comlink). */
export interface RunnerApi {
  /** Loads the node types (built-ins, then the enabled plugins the server lists through `server`) once, and describes them for the page. */
  start(server: ServerReader | undefined): Promise<CatalogMessage>;
  /** The full check of a graph with the real definitions, for the page's issues and column pickers. */
  analyze(graph: Graph): FullAnalysis | Promise<FullAnalysis>;
  run(request: RunRequest, onEvent: (event: RunEvent) => void): Promise<{ status: RunStatus }>;
  cancel(): void | Promise<void>;
  preview(nodeId: string, portId: string, offset: number, limit: number): Promise<PortPreview>;
  profile(nodeId: string, portId: string): Promise<ColumnProfile[]>;
  /** A whole output of the last browser run as a file's bytes. */
  download(nodeId: string, portId: string, format: OutputFileFormat): Promise<Uint8Array>;
  /** The paths of the files browser runs wrote (sink nodes' exports), newest bytes kept per path. */
  exportedFiles(): string[] | Promise<string[]>;
  /** A file a browser run wrote, to offer as a download. */
  exportedFile(path: string): Uint8Array | Promise<Uint8Array>;
  /**
   * The checks that pin a table output as it is now (rows, schema, values): of the last browser run,
   * or of `pages` (Arrow IPC streams of a server run's table).
   */
  pin(nodeId: string, portId: string, pages?: Uint8Array[]): Assertion | Promise<Assertion>;
  /** Runs a graph's tests here in the worker, one case at a time, with the browser's files. */
  runTests(graph: Graph, tests: GraphTests): Promise<TestCaseVerdict[]>;
  /** Pages of a table (Arrow IPC streams, e.g. a server run's output) as one CSV or Parquet file. */
  writeTable(pages: Uint8Array[], format: 'csv' | 'parquet'): Uint8Array | Promise<Uint8Array>;
  /** Keeps a file added in the browser; answers a CSV's schema, or fails naming the line it cannot read. */
  putFile(name: string, bytes: Uint8Array): TableSchema | undefined | Promise<TableSchema | undefined>;
  /** Schemas of the server's uploaded files, for design-time inference. */
  setFileSchemas(schemas: Array<[string, TableSchema | undefined]>): void | Promise<void>;
  fileNames(): string[] | Promise<string[]>;
  /** Answers at once unless node code holds the worker's thread (the page's watchdog asks during runs). */
  ping(): true;
}
