import * as builtins from '@causeway/nodes';
import { NodeRegistry } from '@causeway/sdk';

/** The node types the editor offers: the built-ins (plugins join here once they load in the worker). */
export function createEditorRegistry(): NodeRegistry {
  const make = (builtins as { createBuiltinRegistry?: () => NodeRegistry }).createBuiltinRegistry;
  return make ? make() : new NodeRegistry();
}
