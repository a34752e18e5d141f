import { describeNode, type NodeDescriptor, type NodeRegistry } from '@causeway/sdk';

/** One node type as the editor's palette and inspector need it. */
export type CatalogEntry = NodeDescriptor;

/** Describes every registered node type; config schemas become JSON Schema via `describeNode`. */
export function nodeCatalog(registry: NodeRegistry): CatalogEntry[] {
  return registry.list().map(describeNode);
}
