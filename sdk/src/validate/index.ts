export { type BoundEdge, type BoundGraph, type BoundNode, bindGraph } from './bind-graph';
export { configErrorMap } from './config-error-map';
export { type InferOptions, type InferredGraph, inferBound, inferGraph } from './infer-graph';
export { type ResolvedNode, resolveNode } from './resolve-node';
export { type Dependency, type Topology, topologicalOrder } from './topology';
export { checkGraph, type GraphCheck, type ValidateOptions, type Validation, validateGraph } from './validate-graph';
