/**
 * @causeway/sdk/testkit — run and infer single nodes, build tables and graphs, and stand in for
 * files and secrets in tests. The same kit the built-in nodes are tested with.
 */
export { type FakeAnswer, type FakeFetch, fakeFetch } from './fake-fetch';
export { type GraphOfNode, type GraphOfSpec, graphOf } from './graph-of';
export { type InferNodeOptions, type InferNodeResult, inferNode } from './infer-node';
export { memoryFiles } from './memory-files';
export { memorySecrets } from './memory-secrets';
export { rowsOf } from './rows-of';
export { type LoggedLine, type RunNodeOptions, type RunNodeResult, runNode } from './run-node';
export { type TableCell, tableOf } from './table-of';
