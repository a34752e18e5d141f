export * from './build-vector';
export * from './columns';
export * from './csv';
export * from './table-from-columns';
export * from './take-rows';
export * from './take-vector';
