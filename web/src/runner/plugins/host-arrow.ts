// apache-arrow as plugin bundles see it: the worker's copy, so tables pass between plugin and host nodes.
export * from 'apache-arrow';
export const hostModuleUrl: string = import.meta.url;
