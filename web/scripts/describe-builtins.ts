import { createBuiltinRegistry } from '@causeway/nodes';
import { describeNode, type NodeDescriptor } from '@causeway/sdk';

/** The built-in node types as the runner worker describes them to the page. */
export function describeBuiltins(): NodeDescriptor[] {
  return createBuiltinRegistry().list().map(describeNode);
}
