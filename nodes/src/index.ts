/**
 * @causeway/nodes — the built-in node types, listed by hand (no directory scanning).
 */
import { type AnyNodeDefinition, NodeRegistry } from '@causeway/sdk';
import { csvSource } from './source/csv';
import { inlineSource } from './source/inline';
import { selectColumns } from './transform/select';

export { csvSource, inlineSource, selectColumns };

/** Every built-in node type. */
export const builtinNodes: readonly AnyNodeDefinition[] = [inlineSource, csvSource, selectColumns];

/**
 * A registry holding every built-in node type.
 *
 * @example
 * const registry = createBuiltinRegistry();
 * registry.resolve('transform.select', 1).status; // 'exact'
 */
export function createBuiltinRegistry(): NodeRegistry {
  return new NodeRegistry().add(...builtinNodes);
}
