export * from './binary-curve';
export * from './class-scores';
export * from './clustering-metrics';
export * from './confusion-matrix';
export * from './log-loss';
export * from './pr-curve';
export * from './regression-metrics';
export * from './roc-curve';
