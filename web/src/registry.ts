import { createBuiltinRegistry } from '@causeway/nodes';
import type { NodeRegistry } from '@causeway/sdk';

/** The node types the editor offers: the built-ins (plugins join here once they load in the worker). */
export function createEditorRegistry(): NodeRegistry {
  return createBuiltinRegistry();
}
