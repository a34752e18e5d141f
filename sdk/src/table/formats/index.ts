export * from './read-arrow';
export * from './read-json';
export * from './read-json-stream';
export * from './read-parquet';
export * from './values-to-vector';
export * from './write-arrow';
export * from './write-json';
export * from './write-parquet';
