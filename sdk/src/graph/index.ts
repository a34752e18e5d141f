export { canonicalJson } from './canonical-json';
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
