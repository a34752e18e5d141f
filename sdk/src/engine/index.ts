export type { EventError, RunEvent, RunEventType, RunStatus } from './events';
export { hashKey } from './hash-key';
export { MemoryOutputCache, type OutputCache } from './output-cache';
export { runGraph } from './run-graph';
export type { NodeOutcome, NodeRunStatus, RunOptions, RunResult } from './run-options';
