/**
 * @causeway/sdk — the contract between Causeway's packages: graph format, ports, node and plugin
 * definitions, the engine, table kernels, the expression language and errors.
 */
export * from './engine';
export * from './errors';
export * from './expr';
export * from './graph';
export * from './node';
export * from './plugin';
export * from './ports';
export * from './table';
export * from './validate';
