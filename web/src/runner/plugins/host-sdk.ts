// The SDK as plugin bundles see it: their `@causeway/sdk` import is pointed here, so they share the worker's copy.
export * from '@causeway/sdk';
