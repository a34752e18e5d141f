declare module 'virtual:causeway/builtin-catalog' {
  import type { NodeDescriptor } from '@causeway/sdk';

  /** The built-in node types' descriptors, made at build time from `@causeway/nodes` (see web/scripts/builtin-catalog-plugin.ts). */
  const descriptors: NodeDescriptor[];
  export default descriptors;
}
