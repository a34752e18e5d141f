// The SDK as plugin bundles see it: their `@causeway/sdk` import is pointed at this module's URL, so
// they share the worker's copy (one module instance per URL).
export * from '@causeway/sdk';
export const hostModuleUrl: string = import.meta.url;
