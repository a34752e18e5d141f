/**
 * @causeway/sdk — the contract between Causeway's packages: graph format, ports, node and plugin
 * definitions, the engine, table kernels, the expression language and errors.
 */

/**
 * zod, the schema library node configs are written in. Plugins import it from here, so a plugin
 * bundle shares the host's copy instead of bundling its own.
 *
 * @example
 * import { z } from '@causeway/sdk';
 * const config = z.object({ column: z.string().min(1), lowercase: z.boolean().default(true) });
 */
export { z } from 'zod';
export * from './engine';
export * from './errors';
export * from './expr';
export * from './graph';
export * from './graph-tests';
export * from './lint';
export * from './node';
export * from './plugin';
export * from './ports';
export * from './table';
export * from './validate';
