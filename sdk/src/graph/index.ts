export { canonicalJson } from './canonical-json';
export { checkJsonValue, type JsonLimits } from './check-json-value';
export { type ConfigChange, diffGraphs, type GraphDiff, type NodeChange } from './diff-graphs';
export { type GraphMerge, type MergeConflict, mergeGraphs } from './merge-graphs';
export { type FormatMigration, formatMigrations, type GraphDocument, migrateFormat } from './migrate-format';
export { parseGraph, parseGraphValue } from './parse-graph';
export { isParsedGraph } from './parsed-graphs';
export { parseJsonSafely } from './safe-json';
export {
  endpointPattern,
  type Graph,
  type GraphEdge,
  type GraphNode,
  type GraphNote,
  graphEdgeSchema,
  graphFormat,
  graphLimits,
  graphNodeSchema,
  graphNoteSchema,
  graphSchema,
  idPattern,
  splitEndpoint,
} from './schema';
export { schemaErrorMap, schemaIssues } from './schema-issues';
export { serializeGraph } from './serialize-graph';
